"""Strings of the images lesson (issue #15), and its predict-then-reveal questions."""

EN = {
    "nav.images": "5 · Images",
    "home.lesson.images": "Softmax regression on pictures: the notes' 2×2 image, Fashion-MNIST "
    "trained live with its ten templates, and whether the outputs are probabilities (calibration).",
    "images.intro": (
        "An image is a row of pixel values $x$, and softmax regression scores it for each class "
        "with one weight per pixel: $o_k = x \\cdot w_k + b_k$. So each class's weights form an "
        "image of their own, a **template**, and the score says how well the picture matches it. "
        "Start with the notes' 2×2 image, train on real clothes, then ask whether the outputs "
        "deserve the name *probabilities*."
    ),
    "images.tab.toy": "The notes' 2×2 image",
    "images.tab.train": "Fashion-MNIST, live",
    "images.tab.image": "One image",
    "images.tab.calibration": "Probabilities?",
    "images.class.0": "T-shirt/top",
    "images.class.1": "Trouser",
    "images.class.2": "Pullover",
    "images.class.3": "Dress",
    "images.class.4": "Coat",
    "images.class.5": "Sandal",
    "images.class.6": "Shirt",
    "images.class.7": "Sneaker",
    "images.class.8": "Bag",
    "images.class.9": "Ankle boot",
    "images.toy.class.0": "dog",
    "images.toy.class.1": "cat",
    "images.toy.class.2": "chicken",
    "images.toy.intro": (
        "The notes' example: a grey image of 2 × 2 pixels $x_1, x_2$ (top) and $x_3, x_4$ "
        "(bottom), three classes dog, cat and chicken, and one logit per class, "
        "$o = Wx + b$ with $W$ of 3 × 4. Set the pixels; the weights come from training on "
        "24 generated images (dog: bright top row, cat: bright bottom row, chicken: the diagonal)."
    ),
    "images.toy.pixel_help": "The grey level of this pixel: 0 is black, 1 is white.",
    "images.toy.click_hint": "Click a pixel to make it black or white; the sliders follow.",
    "images.toy.epochs": "Epochs of training on the generated images",
    "images.toy.templates": "Row $k$ of $W$, drawn as a 2×2 image: class $k$'s template after "
    "{epochs} epochs (orange: positive weight, blue: negative).",
    "images.toy.verdict": "The largest logit wins: **{name}**, with probability {p}.",
    "images.toy.shapes": (
        "The notes' $W$ is $K \\times d$ = 3 × 4: one **row** per class, for one image at a time "
        "($o = Wx + b$). The training lesson writes a batch, $O = XW + b$, with $W$ of "
        "$d \\times K$ = 4 × 3: one **column** per class. The two are transposes: the notes' "
        "$W$ is this $W^\\top$. The app computes with $d \\times K$."
    ),
    "images.train.intro": (
        "Fashion-MNIST: 28 × 28 grey pictures of clothes in 10 classes; the app ships 500 "
        "training and 100 test images of each (Zalando, MIT licence). Each step takes the next "
        "minibatch and moves $W$ against its gradient. Watch the ten columns of $W$, shown as "
        "28 × 28 templates, turn from blank into clothes."
    ),
    "images.train.keys": "Keys: Space plays and pauses, → steps, 0 resets. Settings changed "
    "while it runs apply from the next step; another seed starts over.",
    "images.lr": "Learning rate α",
    "images.lr_help": "d2l uses 0.1. Larger steps make the curves jumpy; too large blows up.",
    "images.batch": "Batch size",
    "images.l2": "L2 strength λ",
    "images.l2_help": "Adds (λ/2)‖W‖² to the objective: smoother templates, softer outputs.",
    "images.spf": "Steps per frame",
    "images.spf_help": "Minibatch steps between two pictures (and per press of Step).",
    "images.seed": "Seed",
    "images.seed_help": "Fixes the order in which minibatches visit the images.",
    "images.step": "Step",
    "images.epoch": "Epoch",
    "images.templates_scale": "One colour scale for all ten: the deepest orange or blue is a "
    "weight of ±{scale}, white is 0.",
    "images.train_loss": "Training loss",
    "images.test_loss": "Test loss",
    "images.train_accuracy": "Training accuracy",
    "images.test_accuracy": "Test accuracy",
    "images.diverged": "Training stopped: a step overflowed. Lower the learning rate or λ, "
    "then press Reset.",
    "images.chart.train": "training",
    "images.chart.test": "test",
    "images.chart.epoch": "epoch",
    "images.chart.loss": "cross-entropy",
    "images.chart.accuracy": "accuracy",
    "images.chart.logit": "logit z",
    "images.chart.probability": "probability ŷ",
    "images.confusion.header": "Confusion matrix (test images)",
    "images.confusion.true": "true class",
    "images.confusion.predicted": "predicted class",
    "images.per_class_header": "Accuracy per class",
    "images.per_class": "share of test images right",
    "images.mistakes.header": "The most confident mistakes",
    "images.mistakes.untrained": "Nothing learned yet: at W = 0 every class gets 0.1. Press "
    "Play or Step first.",
    "images.mistakes.caption": "{true} →\n{predicted} {p}",
    "images.gallery_tip": "image",
    "images.mistakes.note": "True class → predicted class and its probability, at step {step}. "
    "Click one to look at it up close.",
    "images.image.intro": "Pick a test image (click one, or give its number): its logits are "
    "its dot products with the ten templates, plus the biases.",
    "images.image.index": "Test image number",
    "images.image.index_help": "0 … 999: the shipped test images.",
    "images.image.true": "Test image {index}: {name}",
    "images.image.matched": "Best-matching template: {name}",
    "images.image.untrained": "The model is untrained (W = 0): every class scores 0.",
    "images.train_now": "Train {steps} steps now (10 epochs) with the training tab's settings",
    "images.cal.trained_for_view": "Trained {steps} steps (10 epochs) with the training "
    "tab's settings for this view, as its button does.",
    "images.cal.intro": (
        "The slides ask: can softmax's outputs be read as probabilities? The notes name the "
        "test, **calibration**: of all the images given confidence 0.8, about 80 % should be "
        "right. The reliability diagram sorts the test images by confidence (their largest "
        "probability) and compares each bin's share right with its mean confidence. A "
        "temperature $T$, $\\hat y = \\mathrm{softmax}(z / T)$, changes the confidences but "
        "never the predicted class."
    ),
    "images.cal.untrained": "At W = 0 every image gets confidence 0.1 and one tenth are right: "
    "perfectly calibrated, and useless. Train the model first.",
    "images.cal.T": "Temperature T",
    "images.cal.T_help": "softmax(z / T): T > 1 softens every prediction, T < 1 sharpens it.",
    "images.cal.use_best": "Use the best T ({T})",
    "images.cal.ece": "ECE at this T",
    "images.cal.ece_plain": "ECE at T = 1",
    "images.cal.best_T": "best T",
    "images.cal.shown_T": "T shown",
    "images.cal.mean_confidence": "mean confidence",
    "images.cal.accuracy_all": "accuracy",
    "images.cal.confidence": "confidence (largest probability)",
    "images.cal.accuracy": "share right",
    "images.cal.count": "images",
    "images.cal.nll": "test NLL",
    "images.cal.nll_at": "Test NLL at T = {T}",
    "images.cal.verdict.under": "This model is **under-confident**: its images are right more "
    "often than its confidence says, so the best temperature is below 1 (T = {T}) and "
    "sharpens the outputs.",
    "images.cal.verdict.over": "This model is **over-confident**: it is right less often than "
    "its confidence says, so the best temperature is above 1 (T = {T}) and softens the outputs.",
    "images.cal.caution": "T is chosen here on the same test images it is judged on, which "
    "flatters it; in practice T is fitted on held-out validation images.",
    "study.q.notes_shape": "The notes' W for the 2×2 image is 3 × 4 (o = Wx + b). In the training "
    "lesson's batch form O = XW + b, what shape is W for the same model?",
    "study.q.notes_shape.same": "3 × 4",
    "study.q.notes_shape.transpose": "4 × 3",
    "study.q.notes_shape.square": "4 × 4",
    "study.q.notes_shape.why": "In O = XW + b each image is a row of X (n × 4), so W must be "
    "4 × 3: one column per class. It is the transpose of the notes' W, which has one row per class.",
    "study.q.lowest_class": "After 10 epochs on Fashion-MNIST (learning rate 0.1, batch 256), "
    "which class has the lowest test accuracy?",
    "study.q.lowest_class.shirt": "Shirt",
    "study.q.lowest_class.trouser": "Trouser",
    "study.q.lowest_class.bag": "Bag",
    "study.q.lowest_class.why": "Shirts look like T-shirts, pullovers and coats, and one linear "
    "template per class cannot tell them apart: about half the shirts are called something else. "
    "Trousers and bags have shapes no other class shares.",
    "study.q.best_t": "The same model after 10 epochs: is the temperature that minimises the test "
    "negative log-likelihood above or below 1?",
    "study.q.best_t.above": "Above 1: the model is over-confident",
    "study.q.best_t.below": "Below 1: the model is under-confident",
    "study.q.best_t.one": "Exactly 1: softmax outputs are calibrated",
    "study.q.best_t.why": "Below, about 0.68: in every bin more images are right than the "
    "confidence says. A linear model stopped early has small weights and soft outputs; T < 1 "
    "sharpens them and lowers the ECE from about 0.11 to 0.03. (Deep networks tend to the "
    "opposite.)",
}

ZH = {
    "nav.images": "5 · 图像",
    "home.lesson.images": "图像上的 softmax 回归：讲义中的 2×2 图像、实时训练 Fashion-MNIST 并观察十个模板，"
    "以及输出能否当作概率（校准）。",
    "images.intro": (
        "一张图像就是一行像素值 $x$，softmax 回归为每个类别给每个像素一个权重：$o_k = x \\cdot w_k + b_k$。"
        "所以每个类别的权重本身也是一张图像——**模板**，得分衡量图像与模板有多吻合。"
        "先看讲义中的 2×2 图像，再在真实的服装图片上训练，最后追问：这些输出配得上“概率”这个名字吗？"
    ),
    "images.tab.toy": "讲义中的 2×2 图像",
    "images.tab.train": "Fashion-MNIST 实时训练",
    "images.tab.image": "单张图像",
    "images.tab.calibration": "是概率吗？",
    "images.class.0": "T恤",
    "images.class.1": "裤子",
    "images.class.2": "套衫",
    "images.class.3": "连衣裙",
    "images.class.4": "外套",
    "images.class.5": "凉鞋",
    "images.class.6": "衬衫",
    "images.class.7": "运动鞋",
    "images.class.8": "包",
    "images.class.9": "短靴",
    "images.toy.class.0": "狗",
    "images.toy.class.1": "猫",
    "images.toy.class.2": "鸡",
    "images.toy.intro": (
        "讲义中的例子：一张 2 × 2 像素的灰度图像，上排像素 $x_1, x_2$，下排 $x_3, x_4$；三个类别狗、猫、鸡，"
        "每类一个 logit：$o = Wx + b$，其中 $W$ 为 3 × 4。调节像素；权重来自在 24 张生成图像上的训练"
        "（狗：上排亮，猫：下排亮，鸡：对角线亮）。"
    ),
    "images.toy.pixel_help": "这个像素的灰度：0 为黑，1 为白。",
    "images.toy.click_hint": "点击一个像素，把它变黑或变白；滑块随之改变。",
    "images.toy.epochs": "在生成图像上训练的轮数",
    "images.toy.templates": "$W$ 的第 $k$ 行画成 2×2 图像：训练 {epochs} 轮后第 $k$ 类的模板"
    "（橙色：正权重，蓝色：负权重）。",
    "images.toy.verdict": "logit 最大者胜出：**{name}**，概率为 {p}。",
    "images.toy.shapes": (
        "讲义中的 $W$ 是 $K \\times d$ = 3 × 4：每个类别一**行**，一次处理一张图像（$o = Wx + b$）。"
        "训练一课写成批量形式 $O = XW + b$，其中 $W$ 是 $d \\times K$ = 4 × 3：每个类别一**列**。"
        "二者互为转置：讲义中的 $W$ 就是这里的 $W^\\top$。本应用的计算采用 $d \\times K$。"
    ),
    "images.train.intro": (
        "Fashion-MNIST：28 × 28 的服装灰度图片，共 10 类；本应用自带每类 500 张训练图像和 100 张测试图像"
        "（Zalando，MIT 许可）。每一步取下一个小批量，让 $W$ 沿梯度的反方向移动。看 $W$ 的十列"
        "（画成 28 × 28 的模板）如何从一片空白变成衣物的样子。"
    ),
    "images.train.keys": "快捷键：空格 播放/暂停，→ 单步，0 重置。运行中修改的设置从下一步起生效；换一个种子则从头开始。",
    "images.lr": "学习率 α",
    "images.lr_help": "d2l 用 0.1。步子越大曲线越抖；太大会发散。",
    "images.batch": "批量大小",
    "images.l2": "L2 强度 λ",
    "images.l2_help": "在目标中加上 (λ/2)‖W‖²：模板更平滑，输出更柔和。",
    "images.spf": "每帧步数",
    "images.spf_help": "两幅画面之间（以及每按一次单步）的小批量步数。",
    "images.seed": "种子",
    "images.seed_help": "决定小批量遍历图像的顺序。",
    "images.step": "步数",
    "images.epoch": "轮数",
    "images.templates_scale": "十个模板共用一个色标：最深的橙色或蓝色表示权重 ±{scale}，白色为 0。",
    "images.train_loss": "训练损失",
    "images.test_loss": "测试损失",
    "images.train_accuracy": "训练准确率",
    "images.test_accuracy": "测试准确率",
    "images.diverged": "训练已停止：某一步数值溢出。请降低学习率或 λ，然后按重置。",
    "images.chart.train": "训练",
    "images.chart.test": "测试",
    "images.chart.epoch": "轮数",
    "images.chart.loss": "交叉熵",
    "images.chart.accuracy": "准确率",
    "images.chart.logit": "logit z",
    "images.chart.probability": "概率 ŷ",
    "images.confusion.header": "混淆矩阵（测试图像）",
    "images.confusion.true": "真实类别",
    "images.confusion.predicted": "预测类别",
    "images.per_class_header": "各类别准确率",
    "images.per_class": "预测正确的测试图像比例",
    "images.mistakes.header": "最自信的错误",
    "images.mistakes.untrained": "还什么都没学：W = 0 时每个类别都得 0.1。请先按播放或单步。",
    "images.mistakes.caption": "{true} →\n{predicted} {p}",
    "images.gallery_tip": "图片",
    "images.mistakes.note": "真实类别 → 预测类别及其概率，第 {step} 步。点击一张可放大查看。",
    "images.image.intro": "选一张测试图像（点击，或输入编号）：它的 logits 就是它与十个模板的点积，再加上偏置。",
    "images.image.index": "测试图像编号",
    "images.image.index_help": "0 … 999：自带的测试图像。",
    "images.image.true": "测试图像 {index}：{name}",
    "images.image.matched": "最吻合的模板：{name}",
    "images.image.untrained": "模型尚未训练（W = 0）：每个类别得分都是 0。",
    "images.train_now": "现在用训练页的设置训练 {steps} 步（10 轮）",
    "images.cal.trained_for_view": "为这一视图已用训练页的设置训练 {steps} 步（10 轮），与按钮相同。",
    "images.cal.intro": (
        "课件问：softmax 的输出能当作概率吗？讲义给出检验标准——**校准**：在所有被给出 0.8 置信度的图像中，"
        "大约 80% 应当是对的。可靠性图按置信度（最大概率）把测试图像分箱，比较每个箱中预测正确的比例与平均置信度。"
        "温度 $T$（$\\hat y = \\mathrm{softmax}(z / T)$）会改变置信度，但从不改变预测的类别。"
    ),
    "images.cal.untrained": "W = 0 时每张图像的置信度都是 0.1，恰好十分之一是对的：完美校准，却毫无用处。请先训练模型。",
    "images.cal.T": "温度 T",
    "images.cal.T_help": "softmax(z / T)：T > 1 使每个预测更柔和，T < 1 使之更尖锐。",
    "images.cal.use_best": "使用最佳 T（{T}）",
    "images.cal.ece": "此 T 下的 ECE",
    "images.cal.ece_plain": "T = 1 时的 ECE",
    "images.cal.best_T": "最佳 T",
    "images.cal.shown_T": "当前 T",
    "images.cal.mean_confidence": "平均置信度",
    "images.cal.accuracy_all": "准确率",
    "images.cal.confidence": "置信度（最大概率）",
    "images.cal.accuracy": "正确比例",
    "images.cal.count": "图像数",
    "images.cal.nll": "测试 NLL",
    "images.cal.nll_at": "T = {T} 时的测试 NLL",
    "images.cal.verdict.under": "这个模型**信心不足**：图像被判对的频率高于它给出的置信度，"
    "所以最佳温度低于 1（T = {T}），让输出更尖锐。",
    "images.cal.verdict.over": "这个模型**过于自信**：判对的频率低于它给出的置信度，"
    "所以最佳温度高于 1（T = {T}），让输出更柔和。",
    "images.cal.caution": "这里的 T 是在用来评判它的同一批测试图像上选出的，结果偏乐观；实践中应在留出的验证图像上拟合 T。",
    "study.q.notes_shape": "讲义中 2×2 图像的 W 是 3 × 4（o = Wx + b）。在训练一课的批量形式 O = XW + b 中，同一个模型的 W 是什么形状？",
    "study.q.notes_shape.same": "3 × 4",
    "study.q.notes_shape.transpose": "4 × 3",
    "study.q.notes_shape.square": "4 × 4",
    "study.q.notes_shape.why": "在 O = XW + b 中每张图像是 X（n × 4）的一行，所以 W 必须是 4 × 3：每个类别一列。"
    "它是讲义中 W（每个类别一行）的转置。",
    "study.q.lowest_class": "在 Fashion-MNIST 上训练 10 轮后（学习率 0.1，批量 256），哪个类别的测试准确率最低？",
    "study.q.lowest_class.shirt": "衬衫",
    "study.q.lowest_class.trouser": "裤子",
    "study.q.lowest_class.bag": "包",
    "study.q.lowest_class.why": "衬衫与 T恤、套衫、外套很像，每类一个线性模板分不开它们：约一半的衬衫被判成别的类别。"
    "裤子和包的形状是其他类别所没有的。",
    "study.q.best_t": "同一个训练 10 轮的模型：使测试负对数似然最小的温度大于 1 还是小于 1？",
    "study.q.best_t.above": "大于 1：模型过于自信",
    "study.q.best_t.below": "小于 1：模型信心不足",
    "study.q.best_t.one": "恰好为 1：softmax 输出本来就是校准的",
    "study.q.best_t.why": "小于 1，约为 0.68：在每个箱中，判对的图像都比置信度所说的多。提前停止训练的线性模型权重小、"
    "输出柔和；T < 1 让它们更尖锐，ECE 从约 0.11 降到 0.03。（深度网络往往相反。）",
}
