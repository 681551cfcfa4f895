"""Strings of the multi-label lesson (issue #6, pages/4_multilabel_lesson.py)."""

EN = {
    "multilabel.intro": "Softmax regression assumes that every input belongs to exactly one "
    "class. A photo can show a dog **and** a person **and** a car at once: that is a "
    "*multi-label* task. This page puts softmax next to the right tool, one sigmoid per "
    "label, on the same data.",
    # 1. The example
    "multilabel.example_header": "One example first",
    "multilabel.example_intro": "A model has given this picture one score per label. Move "
    "the scores and compare the two ways of turning them into probabilities.",
    "multilabel.label.0": "dog",
    "multilabel.label.1": "person",
    "multilabel.label.2": "car",
    "multilabel.label.3": "bicycle",
    "multilabel.label.4": "tree",
    "multilabel.label.5": "cat",
    "multilabel.scene_caption": "One picture, three true labels: dog, person and car.",
    "multilabel.score_label": "Score z for {name}",
    "multilabel.model.softmax": "Softmax + cross-entropy",
    "multilabel.model.sigmoid": "One sigmoid per label + binary cross-entropy",
    "multilabel.output_axis": "output",
    "multilabel.softmax_sum": "Softmax: sum of the outputs",
    "multilabel.sigmoid_sum": "Sigmoids: sum of the outputs",
    "multilabel.above_half": "Labels above 0.5",
    "multilabel.sum": "Sum of the outputs",
    "multilabel.softmax_short": "Softmax",
    "multilabel.sigmoid_short": "Sigmoids",
    "multilabel.example_why": "The softmax outputs always sum to 1, so two of them above "
    "0.5 would sum to more than 1: **softmax can give at most one label more than 0.5**. "
    "Here its two largest outputs are {first} and {second}. Each sigmoid looks only at its "
    "own score, so all three labels can be close to 1 at the same time.",
    # 2. The data
    "multilabel.data_header": "Generated multi-label data",
    "multilabel.data_intro": "Each label is a disc in the plane, and a point carries every "
    "label whose disc contains it. Where the discs overlap, points carry two or three "
    "labels. Every point carries at least one label (like a photo that shows something), "
    "so the softmax model's target below is always defined.",
    "multilabel.L_label": "Number of labels L",
    "multilabel.n_label": "Number of points",
    "multilabel.overlap_label": "Overlap",
    "multilabel.overlap_help": "0: neighbouring discs just touch, so every point has one "
    "label. 1: the discs are 2.5 times as large and overlap a lot.",
    "multilabel.seed_label": "Random seed",
    "multilabel.data_counts": "Points with 1 label: **{one}** · 2 labels: **{two}** · "
    "3 or more: **{more}** ({share} carry two or more).",
    "multilabel.legend_region": "label region",
    "multilabel.legend_counts": "labels per point",
    "multilabel.count.1": "1 label",
    "multilabel.count.2": "2 labels",
    "multilabel.count.3": "3 or more",
    "multilabel.click_hint": "Click a point with two or more labels to look at it up close "
    "further down.",
    "multilabel.features": "**Features.** A linear model on (x₁, x₂) can only cut the "
    "plane with a straight line, and a disc is not a half-plane. With one more feature, "
    "x₁² + x₂², every disc becomes linear, so both models get φ(x) = (x₁, x₂, x₁² + x₂²). "
    "One sigmoid can then draw each label's disc exactly: whatever the softmax model gets "
    "wrong is caused by the softmax, not by poor features.",
    # 3. The models
    "multilabel.models_header": "Two models trained on the same data",
    "multilabel.models_note": "Both are linear in φ(x), start from W = 0 and b = 0, and "
    "take one full-batch gradient-descent step per epoch with the same learning rate; "
    "both minimise the mean loss + (λ/2)‖W‖². For the softmax model, a point labelled dog and "
    "car has the target (½, 0, ½).",
    "multilabel.lr_label": "Learning rate",
    "multilabel.epochs_label": "Epochs",
    "multilabel.l2_label": "L2 penalty λ",
    "multilabel.l2_help": "Adds (λ/2)‖W‖² to both objectives; the bias is not penalised.",
    "multilabel.play_note": "The view shows both models after {epochs} epochs. Play "
    "replays the training from epoch 0 ({chunk} epochs per frame); Step adds {chunk}. "
    "Keys: Space play/pause, → step, 0 reset.",
    "multilabel.diverged": "Training diverged (the numbers overflowed): lower the learning "
    "rate or the L2 penalty.",
    "multilabel.rules_header": "From probabilities to label sets",
    "multilabel.threshold_label": "Threshold: {name}",
    "multilabel.rule_label": "Prediction rule",
    "multilabel.rule.threshold": "Threshold",
    "multilabel.rule.topk": "Top k",
    "multilabel.sthr_label": "Threshold for every label",
    "multilabel.k_label": "k (labels per point)",
    "multilabel.rule_note.threshold": "A threshold t gives at most ⌊1/t⌋ labels, because "
    "the outputs sum to 1: at 0.5 never more than one.",
    "multilabel.rule_note.topk": "Top k gives every point exactly k labels, however many it "
    "truly carries.",
    "multilabel.map_label_pick": "Label shown in the probability maps",
    "multilabel.point_pick": "A point with two or more true labels",
    "multilabel.point_option": "#{index} · {labels}",
    "multilabel.none": "(none)",
    "multilabel.no_multi": "No point carries two labels at this overlap: raise the overlap.",
    "multilabel.training_header": "Training",
    "multilabel.epoch": "Epoch",
    "multilabel.loss_axis": "loss (training data)",
    "multilabel.floor": "softmax floor H(t) = {value}",
    "multilabel.loss_note": "The two losses measure different things and are not "
    "comparable in size. The softmax loss cannot fall below {floor}, the mean entropy of "
    "the normalised targets: a point with two labels costs at least log 2 even when the "
    "model says ½ and ½ exactly.",
    "multilabel.maps_header": "What each model predicts: P({name}) over the plane",
    "multilabel.point_has": "carries {name}",
    "multilabel.point_not": "does not carry {name}",
    "multilabel.sets_header": "Predicted label sets",
    "multilabel.outcome.0": "set exactly right",
    "multilabel.outcome.1": "missed a label",
    "multilabel.outcome.2": "an extra label",
    "multilabel.outcome.3": "missed one, added one",
    "multilabel.metrics_header": "Metrics on the training points",
    "multilabel.metric.subset": "Subset accuracy (↑)",
    "multilabel.metric.hamming": "Hamming loss (↓)",
    "multilabel.metric.precision": "{name} · precision",
    "multilabel.metric.recall": "{name} · recall",
    "multilabel.metric.f1": "{name} · F1",
    "multilabel.metrics_note": "Subset accuracy: share of points whose predicted set is "
    "exactly right. Hamming loss: share of the n·L yes/no label decisions that are wrong. "
    "Precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN), each 0 when "
    "nothing is predicted or nothing is to be found.",
    "multilabel.point_header": "Point #{index} up close",
    "multilabel.true_set": "True labels: **{labels}**",
    "multilabel.predicted_set": "{model} predicts **{labels}** (outputs sum to {total})",
    # 4. Why
    "multilabel.why_header": "Why softmax is wrong here, and what to use",
    "multilabel.why_softmax": "**Softmax assumes the labels exclude each other.** Its "
    "outputs sum to 1, so they share one unit of probability: two labels can never both "
    "pass 0.5, and a point with k labels gets at best 1/k for each of them, however sure "
    "the model is. Its loss cannot even reach 0 (here it stays above {floor}). Top k "
    "gives every point the same number of labels, and a threshold t gives at most "
    "⌊1/t⌋, where the right t would depend on how many labels the point carries — the "
    "very thing we want to find out.",
    "multilabel.why_sigmoid": "**Use one sigmoid per label instead**: ŷₗ = σ(zₗ), each "
    "between 0 and 1 on its own, trained with binary cross-entropy summed over the labels. "
    "That is L logistic regressions sharing the same input. Predict label l when "
    "ŷₗ ≥ tₗ, with a threshold per label (raise it for precision, lower it for recall). "
    "Keep softmax for classes that exclude each other, such as dog *or* cat.",
}

ZH = {
    "multilabel.intro": "softmax 回归假定每个输入恰好属于一个类别。可一张照片可以同时拍到狗、"
    "人**和**汽车：这是*多标签*任务。本页在同一份数据上，把 softmax 和正确的做法——"
    "每个标签一个 sigmoid——放在一起比较。",
    "multilabel.example_header": "先看一个例子",
    "multilabel.example_intro": "模型给这张图的每个标签打了一个分数。拖动分数，比较把分数"
    "变成概率的两种方法。",
    "multilabel.label.0": "狗",
    "multilabel.label.1": "人",
    "multilabel.label.2": "汽车",
    "multilabel.label.3": "自行车",
    "multilabel.label.4": "树",
    "multilabel.label.5": "猫",
    "multilabel.scene_caption": "一张图，三个真实标签：狗、人和汽车。",
    "multilabel.score_label": "{name} 的分数 z",
    "multilabel.model.softmax": "softmax + 交叉熵",
    "multilabel.model.sigmoid": "每个标签一个 sigmoid + 二元交叉熵",
    "multilabel.output_axis": "输出",
    "multilabel.softmax_sum": "softmax：输出之和",
    "multilabel.sigmoid_sum": "sigmoid：输出之和",
    "multilabel.above_half": "输出大于 0.5 的标签数",
    "multilabel.sum": "输出之和",
    "multilabel.softmax_short": "softmax",
    "multilabel.sigmoid_short": "sigmoid",
    "multilabel.example_why": "softmax 的输出之和总是 1，两个输出都大于 0.5 就意味着和大于 1："
    "**softmax 最多只能让一个标签超过 0.5**。这里它最大的两个输出是 {first} 和 {second}。"
    "每个 sigmoid 只看自己的分数，所以三个标签可以同时接近 1。",
    "multilabel.data_header": "生成的多标签数据",
    "multilabel.data_intro": "每个标签是平面上的一个圆盘，一个点落在哪些圆盘里，就带有哪些"
    "标签。圆盘重叠的地方，点带有两个或三个标签。每个点至少带有一个标签（就像照片里总拍到"
    "了点什么），所以下面 softmax 模型的目标总是有定义的。",
    "multilabel.L_label": "标签数 L",
    "multilabel.n_label": "点的个数",
    "multilabel.overlap_label": "重叠程度",
    "multilabel.overlap_help": "0：相邻圆盘刚好相切，每个点只有一个标签。1：圆盘放大到 2.5 倍，"
    "大面积重叠。",
    "multilabel.seed_label": "随机种子",
    "multilabel.data_counts": "带 1 个标签的点：**{one}** · 2 个：**{two}** · "
    "3 个及以上：**{more}**（{share} 的点带有两个或更多标签）。",
    "multilabel.legend_region": "标签区域",
    "multilabel.legend_counts": "每个点的标签数",
    "multilabel.count.1": "1 个标签",
    "multilabel.count.2": "2 个标签",
    "multilabel.count.3": "3 个及以上",
    "multilabel.click_hint": "点击一个带有两个或更多标签的点，在下方仔细查看它。",
    "multilabel.features": "**特征。** 在 (x₁, x₂) 上的线性模型只能用一条直线切分平面，"
    "而圆盘不是半平面。再加一个特征 x₁² + x₂²，每个圆盘就变成线性的，所以两个模型的输入都是"
    " φ(x) = (x₁, x₂, x₁² + x₂²)。这样一个 sigmoid 就能精确画出每个标签的圆盘："
    "softmax 模型出的错来自 softmax 本身，而不是特征不够。",
    "multilabel.models_header": "在同一份数据上训练两个模型",
    "multilabel.models_note": "两个模型都对 φ(x) 是线性的，都从 W = 0、b = 0 开始，每轮用同一个"
    "学习率做一步全批量梯度下降；都最小化平均损失 + (λ/2)‖W‖²。对 softmax 模型，"
    "标签为狗和汽车的点的目标是 (½, 0, ½)。",
    "multilabel.lr_label": "学习率",
    "multilabel.epochs_label": "训练轮数",
    "multilabel.l2_label": "L2 正则 λ",
    "multilabel.l2_help": "在两个目标函数上都加上 (λ/2)‖W‖²；偏置不加惩罚。",
    "multilabel.play_note": "这里显示的是训练 {epochs} 轮后的两个模型。播放会从第 0 轮重新"
    "演示训练过程（每帧 {chunk} 轮）；单步前进 {chunk} 轮。快捷键：空格 播放/暂停，"
    "→ 单步，0 重置。",
    "multilabel.diverged": "训练发散了（数值溢出）：请调小学习率或 L2 正则。",
    "multilabel.rules_header": "从概率到标签集合",
    "multilabel.threshold_label": "阈值：{name}",
    "multilabel.rule_label": "预测规则",
    "multilabel.rule.threshold": "阈值",
    "multilabel.rule.topk": "前 k 个",
    "multilabel.sthr_label": "所有标签共用的阈值",
    "multilabel.k_label": "k（每个点的标签数）",
    "multilabel.rule_note.threshold": "因为输出之和为 1，阈值 t 最多给出 ⌊1/t⌋ 个标签："
    "阈值为 0.5 时最多一个。",
    "multilabel.rule_note.topk": "前 k 个规则给每个点恰好 k 个标签，不管它实际有几个。",
    "multilabel.map_label_pick": "概率图显示的标签",
    "multilabel.point_pick": "一个带有两个或更多真实标签的点",
    "multilabel.point_option": "#{index} · {labels}",
    "multilabel.none": "（无）",
    "multilabel.no_multi": "在这个重叠程度下没有点带两个标签：请调大重叠程度。",
    "multilabel.training_header": "训练",
    "multilabel.epoch": "轮数",
    "multilabel.loss_axis": "损失（训练数据）",
    "multilabel.floor": "softmax 下界 H(t) = {value}",
    "multilabel.loss_note": "两个损失衡量的东西不同，大小不能直接比较。softmax 的损失不可能"
    "低于 {floor}，即归一化目标的平均熵：一个带两个标签的点，即使模型恰好输出 ½ 和 ½，"
    "也至少要付出 log 2。",
    "multilabel.maps_header": "每个模型的预测：平面上的 P({name})",
    "multilabel.point_has": "带有{name}",
    "multilabel.point_not": "不带{name}",
    "multilabel.sets_header": "预测的标签集合",
    "multilabel.outcome.0": "集合完全正确",
    "multilabel.outcome.1": "漏了标签",
    "multilabel.outcome.2": "多了标签",
    "multilabel.outcome.3": "既漏又多",
    "multilabel.metrics_header": "训练数据上的指标",
    "multilabel.metric.subset": "子集准确率（越高越好）",
    "multilabel.metric.hamming": "汉明损失（越低越好）",
    "multilabel.metric.precision": "{name} · 精确率",
    "multilabel.metric.recall": "{name} · 召回率",
    "multilabel.metric.f1": "{name} · F1",
    "multilabel.metrics_note": "子集准确率：预测的标签集合完全正确的点所占的比例。汉明损失："
    "n·L 个“有/无”标签判断中出错的比例。精确率 = TP/(TP+FP)，召回率 = TP/(TP+FN)，"
    "F1 = 2TP/(2TP+FP+FN)；没有预测任何正例或没有正例可找时记为 0。",
    "multilabel.point_header": "仔细看第 #{index} 个点",
    "multilabel.true_set": "真实标签：**{labels}**",
    "multilabel.predicted_set": "{model} 预测：**{labels}**（输出之和为 {total}）",
    "multilabel.why_header": "为什么这里不该用 softmax，该用什么",
    "multilabel.why_softmax": "**softmax 假定各标签互斥。** 它的输出之和为 1，所有标签分享"
    "同一份概率：两个标签不可能同时超过 0.5；一个带 k 个标签的点，每个标签最多只能得到 "
    "1/k，不管模型多有把握。它的损失甚至无法降到 0（这里始终高于 {floor}）。前 k 个规则给"
    "每个点同样多的标签；阈值 t 最多给出 ⌊1/t⌋ 个标签，而合适的 t 取决于这个点有几个标签"
    "——这恰恰是我们要预测的。",
    "multilabel.why_sigmoid": "**应该为每个标签用一个 sigmoid**：ŷₗ = σ(zₗ)，各自独立地落在 "
    "0 和 1 之间，用对各标签求和的二元交叉熵训练。这相当于共享同一输入的 L 个逻辑回归。"
    "当 ŷₗ ≥ tₗ 时预测标签 l，每个标签有自己的阈值（调高提升精确率，调低提升召回率）。"
    "类别互斥时（比如狗*或*猫）才用 softmax。",
}
