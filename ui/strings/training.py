"""Strings of the training lesson (issue #5); ``training.live.*`` also serve ``ui/live.py``."""

EN = {
    "training.live.play": "Play",
    "training.live.pause": "Pause",
    "training.live.step": "Step",
    "training.live.reset": "Reset",
    "training.intro": (
        "Softmax regression computes logits $O = XW + b$, turns each row into probabilities "
        "$\\hat Y = \\mathrm{softmax}(O)$ and learns $W$, $b$ by gradient descent: "
        "$W \\leftarrow W - \\alpha \\nabla_W$. Press **Play** and watch the decision regions "
        "move. Although softmax is non-linear, the boundaries between classes stay straight "
        "lines ($o_i = o_j$): it is a linear model."
    ),
    "training.data_header": "Data",
    "training.source": "Data source",
    "training.source.blobs": "Generated blobs",
    "training.source.file": "Upload a CSV",
    "training.source.text": "Paste CSV text",
    "training.K": "Classes K",
    "training.n": "Points per class",
    "training.spread": "Spread",
    "training.seed": "Seed",
    "training.seed_help": "The same seed gives the same points, split and shuffling.",
    "training.split": "Test share",
    "training.split_help": "The share of points held out to measure test loss and accuracy.",
    "training.upload": "CSV file with columns x1, x2, label",
    "training.paste": "CSV text: x1, x2, label",
    "training.csv_help": "One point per row: x1,x2,label with that header (or none). "
    "Labels may be numbers or words; 2 to 10 classes; at most 10,000 rows.",
    "training.csv_waiting": "No data given yet: showing generated blobs meanwhile.",
    "training.csv.using_blobs": "Showing generated blobs until the file is fixed.",
    "training.csv.binary": "This file is not text (it looks binary). Save it as a CSV text file.",
    "training.csv.encoding": "This file begins with the mark of {encoding} text, but the rest "
    "is not {encoding}. Save it again as CSV (UTF-8).",
    "training.csv.too_large": "{name} is {size}: larger than the {limit} this app takes, so it "
    "was not loaded. Keep at most 10,000 rows and choose it again.",
    "training.csv.kept_file": "Still training on your file “{name}” (the box above is empty again after a visit to another page): load another file to replace it.",
    "training.csv.forget_file": "Forget this file",
    "training.csv.kept": "Your previous data stays ({points} points, {classes} classes), and so "
    "does its run.",
    "training.csv.empty": "This file has no data rows.",
    "training.csv.columns": "Row {row} has {found} fields; every row needs exactly three: "
    "x1, x2, label (header `x1,x2,label` or none).",
    "training.csv.not_number": "Row {row}: “{value}” in column {column} is not a number.",
    "training.csv.not_finite": "Row {row}: column {column} is NaN or infinite; give "
    "ordinary numbers.",
    "training.csv.too_many_rows": "Too many rows: at most {limit} points.",
    "training.csv.out_of_range": "Row {row}: column {column} is beyond ±{limit}; rescale the data.",
    "training.csv.too_long": "Row {row}: a field is longer than {limit} characters; is this a CSV of points?",
    "training.csv.too_few_classes": "Only {found} class found: softmax regression needs at "
    "least two different labels.",
    "training.csv.too_many_classes": "{found} classes found: at most {limit}.",
    "training.settings_header": "Gradient descent",
    "training.lr": "Learning rate α",
    "training.lr_help": "Logarithmic steps. Too small crawls; too large overshoots and can "
    "blow up.",
    "training.batch": "Batch size",
    "training.batch.full": "full batch",
    "training.batch_help": "Full batch: one step per epoch on all training points. A number: "
    "shuffled mini-batches, one step each.",
    "training.l2": "L2 strength λ",
    "training.l2_help": "Adds (λ/2)‖W‖² to the objective, pulling the weights towards 0.",
    "training.loss": "Loss",
    "training.loss.cross_entropy": "Cross-entropy",
    "training.loss.mse": "Squared error",
    "training.speed": "Speed (epochs per second)",
    "training.settings_on_page": "Settings on the page",
    "training.settings_panel": "Settings",
    "training.settings_on_page_help": (
        "Off: the data and gradient-descent settings wait in a closed panel beside Play, "
        "and the live view fits one screen (the default in projection mode)."
    ),
    "training.catching_up": "Training to epoch {target}, the link's view: epoch {epoch} so far",
    "training.speed_help": (
        "How fast Play trains. At 1 to 10 epochs a second each picture is one epoch, slow "
        "enough to talk over; from 30 on the picture changes as often as the screen allows "
        "and each one trains more epochs."
    ),
    "training.train_header": "Training",
    "training.shortcuts": "Keys: Space plays and pauses, → steps, 0 resets. Settings changed "
    "while it runs apply from the next step; new data starts over.",
    "training.probability_map": "Probability map",
    "training.probability_map_help": "Instead of the predicted class, shade where one class's "
    "probability passes 0.1, 0.2, …, 0.9.",
    "training.probability_class": "Class",
    "training.replay": "Replay epoch",
    "training.replay_help": "Redraw any recorded epoch without retraining (long runs keep "
    "an even spread of epochs).",
    "training.epoch": "Epoch",
    "training.train_loss": "Training loss",
    "training.train_accuracy": "Training accuracy",
    "training.test_accuracy": "Test accuracy",
    "training.chart.class": "Class",
    "training.chart.split": "Set",
    "training.chart.train": "train",
    "training.chart.test": "test",
    "training.chart.point": "Point",
    "training.chart.click": "click to inspect it",
    "training.chart.fullscreen": "Fullscreen",
    "training.chart.epoch": "epoch",
    "training.chart.loss": "loss",
    "training.chart.accuracy": "accuracy",
    "training.regions_caption": "Background: the predicted class; darker where the winning "
    "class is surely above 60 %, 80 %, 95 %. Black lines: the boundaries $o_i = o_j$.",
    "training.params_caption": "Columns: classes {classes}. $W$ has one row per input (x₁, x₂): the app's $W$ is $d \\times K$, with $O = XW + b$. The slides' section 3.1 and the notes write the transpose, $o = Wx + b$ with $W$ of $K \\times d$; slide 4.2's $\\nabla W$ is $d \\times K$, like the app's.",
    "training.diverged.loss": "Training diverged at epoch {epoch}: the objective grew to "
    "{objective}, more than ten times where it started (largest weight {weight}). The "
    "learning rate {lr} is too large for these settings. Everything up to epoch {epoch} is "
    "kept; lower the learning rate (or λ) to go on from there, or press Reset.",
    "training.diverged.weights": "Training diverged at epoch {epoch}: a weight grew to "
    "{weight} (objective {objective}). With learning rate {lr} each step overshoots more. "
    "Everything before is kept; lower the learning rate (or λ) to go on from there, or press "
    "Reset.",
    "training.diverged.overflow": "Training diverged at epoch {epoch}: the logits overflowed "
    "(largest weight {weight}). Learning rate {lr} is too large. Everything before is kept; "
    "lower it to go on from there, or press Reset.",
    "training.inspect_header": "Inspect a point",
    "training.inspect_index": "Point number (0 … {last})",
    "training.inspect_help": "Click a point in the chart above (double-click clears), or type its "
    "number; hovering a point shows its number.",
    "training.inspect_point": "Point **{index}** at ({x1}, {x2}), true class **{label}** "
    "({split} set), predicted **{predicted}**.",
    "training.inspect_logit": "logit o",
    "training.inspect_probability": "probability ŷ",
    "training.inspect_loss": "Its loss ({loss}): **{value}**. The last three columns are what this "
    "point adds to ∇W and ∇b (its x·(ŷ − y)ᵀ / n for cross-entropy).",
    "training.inspect_test_note": "A test point takes no part in training: these shares are "
    "what it would add if it did.",
    "training.compare_header": "Cross-entropy against squared error",
    "training.compare_intro": "The same data, seed and settings, trained once with each "
    "loss. Squared error on probabilities has a gradient that vanishes where the model is "
    "confidently wrong, so it learns more slowly and can stall.",
    "training.compare_show": "Train both and compare",
    "training.compare_progress": "Training both: epoch {epoch} of {epochs}",
    "training.compare_epochs": "Epochs for each",
    "training.compare_result": "After {epochs} epochs: training accuracy {accuracy}; "
    "{left} of its starting loss is left ({end} of {start}); gradient size {start_gradient} at "
    "the start, {end_gradient} now.",
    "training.compare_verdict": "The two losses have different scales, so compare what is left "
    "of each one's start: squared error {mse_left}, cross-entropy {ce_left}. {verdict}",
    "training.compare_verdict.slower": "Squared error learned more slowly: its gradient at the "
    "start is {ratio}× smaller.",
    "training.compare_verdict.not_slower": "Here squared error kept up: on data this easy both "
    "get far; try more classes, more spread or fewer epochs.",
    "training.compare_chart": "share of the starting loss left",
    "training.compare_diverged": "This run diverged: lower the learning rate.",
    "training.export_header": "Download",
    "training.export_params_csv": "W and b (CSV)",
    "training.export_history_csv": "History (CSV)",
    "training.export_json": "W, b and history (JSON)",
    "training.export_png": "Regions chart (PNG)",
    "training.export_svg": "Regions chart (SVG)",
}

ZH = {
    "training.live.play": "播放",
    "training.live.pause": "暂停",
    "training.live.step": "单步",
    "training.live.reset": "重置",
    "training.intro": (
        "Softmax 回归先计算 logits $O = XW + b$，再把每一行变成概率 "
        "$\\hat Y = \\mathrm{softmax}(O)$，并用梯度下降学习 $W$、$b$："
        "$W \\leftarrow W - \\alpha \\nabla_W$。按 **播放**，看决策区域如何移动。"
        "尽管 softmax 是非线性的，类别之间的决策边界始终是直线（$o_i = o_j$）：它是线性模型。"
    ),
    "training.data_header": "数据",
    "training.source": "数据来源",
    "training.source.blobs": "生成的簇",
    "training.source.file": "上传 CSV",
    "training.source.text": "粘贴 CSV 文本",
    "training.K": "类别数 K",
    "training.n": "每类点数",
    "training.spread": "离散程度",
    "training.seed": "随机种子",
    "training.seed_help": "相同的种子给出相同的数据点、划分和打乱顺序。",
    "training.split": "测试集比例",
    "training.split_help": "留出用于计算测试损失和测试准确率的数据点比例。",
    "training.upload": "CSV 文件，列为 x1、x2、label",
    "training.paste": "CSV 文本：x1, x2, label",
    "training.csv_help": "每行一个点：x1,x2,label，首行可以是这个表头，也可以没有表头。"
    "标签可以是数字或文字；2 到 10 个类别；最多 10,000 行。",
    "training.csv_waiting": "还没有提供数据：暂时显示生成的簇。",
    "training.csv.using_blobs": "文件修正之前，先显示生成的簇。",
    "training.csv.binary": "这个文件不是文本文件（看起来是二进制文件）。请另存为 CSV 文本文件。",
    "training.csv.encoding": "这个文件以 {encoding} 文本的标记开头，但其余内容不是 {encoding}。"
    "请重新另存为 CSV（UTF-8）。",
    "training.csv.too_large": "{name} 有 {size}，超过本应用接受的 {limit}，因此没有载入。"
    "请最多保留 10,000 行后重新选择。",
    "training.csv.kept_file": "仍在使用你的文件“{name}”训练（访问其他页面后上面的上传框会变空）：上传另一个文件即可替换它。",
    "training.csv.forget_file": "不再使用这个文件",
    "training.csv.kept": "之前的数据仍然保留（{points} 个点，{classes} 个类别），它的训练也保留。",
    "training.csv.empty": "这个文件没有数据行。",
    "training.csv.columns": "第 {row} 行有 {found} 个字段；每行必须恰好三个：x1、x2、label"
    "（表头为 `x1,x2,label` 或不写表头）。",
    "training.csv.not_number": "第 {row} 行：{column} 列中的“{value}”不是数字。",
    "training.csv.not_finite": "第 {row} 行：{column} 列是 NaN 或无穷大；请使用普通数字。",
    "training.csv.too_many_rows": "行数太多：最多 {limit} 个点。",
    "training.csv.out_of_range": "第 {row} 行：{column} 列超出 ±{limit}；请先缩放数据。",
    "training.csv.too_long": "第 {row} 行：有字段超过 {limit} 个字符；这是点的 CSV 文件吗？",
    "training.csv.too_few_classes": "只找到 {found} 个类别：softmax 回归至少需要两种不同的标签。",
    "training.csv.too_many_classes": "找到 {found} 个类别：最多 {limit} 个。",
    "training.settings_header": "梯度下降",
    "training.lr": "学习率 α",
    "training.lr_help": "按对数刻度取值。太小则进展缓慢；太大则会越过最优点，甚至发散。",
    "training.batch": "批量大小",
    "training.batch.full": "全批量",
    "training.batch_help": "全批量：每轮用全部训练点走一步。数字：把数据打乱后分成小批量，每批走一步。",
    "training.l2": "L2 正则化强度 λ",
    "training.l2_help": "在目标函数中加上 (λ/2)‖W‖²，把权重拉向 0。",
    "training.loss": "损失函数",
    "training.loss.cross_entropy": "交叉熵",
    "training.loss.mse": "平方损失",
    "training.speed": "速度（轮/秒）",
    "training.settings_on_page": "设置显示在页面上",
    "training.settings_panel": "设置",
    "training.settings_on_page_help": "关闭时，数据和梯度下降的设置收在“播放”旁的面板里，实时画面正好占满一屏（投影模式下的默认）。",
    "training.catching_up": "正在训练到链接所指的第 {target} 轮：已到第 {epoch} 轮",
    "training.speed_help": (
        "播放时每秒训练多少轮。每秒 1 到 10 轮时，每一幅画面就是一轮，慢到可以边讲边看；"
        "从 30 起，画面按屏幕允许的最快速度更新，每幅画面训练更多轮。"
    ),
    "training.train_header": "训练",
    "training.shortcuts": "快捷键：空格键播放/暂停，→ 单步，0 重置。训练过程中修改的设置从下一步起生效；"
    "更换数据则从头开始。",
    "training.probability_map": "概率图",
    "training.probability_map_help": "不显示预测类别，而是标出某一类概率超过 0.1、0.2、…、0.9 的区域。",
    "training.probability_class": "类别",
    "training.replay": "回放轮次",
    "training.replay_help": "无需重新训练即可重绘任何已记录的轮次（训练很长时会均匀保留部分轮次）。",
    "training.epoch": "轮次",
    "training.train_loss": "训练损失",
    "training.train_accuracy": "训练准确率",
    "training.test_accuracy": "测试准确率",
    "training.chart.class": "类别",
    "training.chart.split": "数据集",
    "training.chart.train": "训练集",
    "training.chart.test": "测试集",
    "training.chart.point": "点",
    "training.chart.click": "点击查看",
    "training.chart.fullscreen": "全屏",
    "training.chart.epoch": "轮次",
    "training.chart.loss": "损失",
    "training.chart.accuracy": "准确率",
    "training.regions_caption": "背景：预测的类别；获胜类别的概率确定高于 60 %、80 %、95 % 的地方颜色更深。"
    "黑线：决策边界 $o_i = o_j$。",
    "training.params_caption": "各列依次为类别 {classes}。$W$ 每个输入（x₁、x₂）占一行：本应用的 $W$ 是 $d \\times K$，$O = XW + b$。课件 3.1 节和讲义写的是它的转置：$o = Wx + b$，$W$ 为 $K \\times d$；课件 4.2 节的 $\\nabla W$ 是 $d \\times K$，与本应用相同。",
    "training.diverged.loss": "训练在第 {epoch} 轮发散：目标函数增大到 {objective}，"
    "超过初始值的十倍（最大权重 {weight}）。对当前设置而言，学习率 {lr} 太大了。"
    "第 {epoch} 轮及之前的结果都已保留；降低学习率（或 λ）即可从那里继续，或按重置。",
    "training.diverged.weights": "训练在第 {epoch} 轮发散：某个权重增大到 {weight}"
    "（目标函数 {objective}）。学习率为 {lr} 时，每一步都越过得更远。之前的结果都已保留；"
    "降低学习率（或 λ）即可从那里继续，或按重置。",
    "training.diverged.overflow": "训练在第 {epoch} 轮发散：logits 数值溢出（最大权重 {weight}）。"
    "学习率 {lr} 太大了。之前的结果都已保留；降低学习率即可从那里继续，或按重置。",
    "training.inspect_header": "查看单个数据点",
    "training.inspect_index": "数据点编号（0 … {last}）",
    "training.inspect_help": "点击上方图中的点即可选中它（双击取消），也可以直接输入编号；"
    "鼠标悬停在点上会显示编号。",
    "training.inspect_point": "第 **{index}** 个点，位于 ({x1}, {x2})，真实类别 **{label}**"
    "（{split}），预测类别 **{predicted}**。",
    "training.inspect_logit": "logit o",
    "training.inspect_probability": "概率 ŷ",
    "training.inspect_loss": "它的{loss}：**{value}**。最后三列是这个点对 ∇W 和 ∇b 的贡献"
    "（交叉熵时为 x·(ŷ − y)ᵀ / n）。",
    "training.inspect_test_note": "测试集中的点不参与训练：这些贡献是假如它参与训练时的数值。",
    "training.compare_header": "交叉熵与平方损失对比",
    "training.compare_intro": "相同的数据、种子和设置，分别用两种损失函数各训练一次。"
    "对概率使用平方损失时，模型在“自信地错了”的地方梯度趋于零，因此学得更慢，甚至停滞。",
    "training.compare_show": "训练两者并对比",
    "training.compare_progress": "正在训练两者：第 {epoch} / {epochs} 轮",
    "training.compare_epochs": "各训练的轮数",
    "training.compare_result": "{epochs} 轮之后：训练准确率 {accuracy}；初始损失还剩 {left}"
    "（{start} 中的 {end}）；梯度大小开始时为 {start_gradient}，现在为 {end_gradient}。",
    "training.compare_verdict": "两种损失的量纲不同，所以比较各自还剩多少初始损失：平方损失 {mse_left}，"
    "交叉熵 {ce_left}。{verdict}",
    "training.compare_verdict.slower": "平方损失学得更慢：它开始时的梯度小 {ratio} 倍。",
    "training.compare_verdict.not_slower": "这里平方损失没有落后：数据这么容易，两者都学得很好；"
    "试试更多类别、更大的离散程度或更少的轮数。",
    "training.compare_chart": "初始损失剩余的比例",
    "training.compare_diverged": "这次训练发散了：请降低学习率。",
    "training.export_header": "下载",
    "training.export_params_csv": "W 和 b（CSV）",
    "training.export_history_csv": "训练记录（CSV）",
    "training.export_json": "W、b 和训练记录（JSON）",
    "training.export_png": "决策区域图（PNG）",
    "training.export_svg": "决策区域图（SVG）",
}
