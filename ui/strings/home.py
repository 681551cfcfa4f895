EN = {
    "home.tagline": "See softmax regression work, and change it with your own hands.",
    "home.intro": (
        "Softmax regression turns a vector of scores (logits) into probabilities, measures "
        "how wrong they are with cross-entropy, and learns a linear classifier by gradient "
        "descent. Every number on these pages is computed live from the formulas of the "
        "course (after the d2l.ai chapter on softmax regression): change an input and watch "
        "the formula, the numbers and the picture change together."
    ),
    "home.lessons": "The lessons, in order",
    "home.minutes": "about {minutes} min",
    "home.lesson.softmax": "Logits to probabilities: the properties of softmax, temperature, "
    "overflow and the stable form, and why two classes is the sigmoid.",
    "home.lesson.loss": "Cross-entropy against squared error: values, gradients and "
    "saturation; entropy, cross-entropy and KL divergence.",
    "home.lesson.training": "Gradient descent on 2-D data, live: decision regions, loss and "
    "accuracy curves, the weights and their gradients.",
    "home.lesson.multilabel": "When one input carries several labels: softmax against one "
    "sigmoid per label, trained and compared.",
    "home.lecture": "Using it in a lecture",
    "home.lecture.present": "**Projection mode** (sidebar) makes type large and lines thick, "
    "with high contrast, so the back row can read the numbers.",
    "home.lecture.links": "**Links reproduce a view**: the address bar holds the language, "
    "projection mode and each lesson's settings. Prepare a link per slide, or send one to "
    "the class.",
    "home.lecture.keys": "**Keyboard**: lessons that animate list their shortcuts beside the "
    "buttons (for example Space to play and pause training).",
    "home.lecture.language": "**Language**: 中文 / English in the sidebar; a link with "
    "`?lang=zh` or `?lang=en` opens in that language.",
    "home.summary": "Logistic regression and softmax regression side by side",
    "home.summary.logistic": "Logistic regression",
    "home.summary.softmax": "Softmax regression",
    "home.summary.task": "Task",
    "home.summary.task.logistic": "binary",
    "home.summary.task.softmax": "multi-class, mutually exclusive",
    "home.summary.activation": "Activation",
    "home.summary.output": "Output",
    "home.summary.output.logistic": "a scalar in (0, 1)",
    "home.summary.output.softmax": "a K-vector in $(0, 1)^K$ that sums to 1",
    "home.summary.loss": "Loss",
    "home.summary.loss.logistic": "log loss",
    "home.summary.loss.softmax": "cross-entropy",
    "home.summary.prediction": "Prediction",
}

ZH = {
    "home.tagline": "亲眼看 softmax 回归如何工作，并亲手改变它。",
    "home.intro": (
        "Softmax 回归把一组得分（logits）变成概率，用交叉熵衡量预测错得有多离谱，再用梯度下降"
        "学出一个线性分类器。这些页面上的每个数字都按课程（参照 d2l.ai 的 softmax 回归一章）"
        "中的公式实时计算：改变一个输入，公式、数字和图形会一起变化。"
    ),
    "home.lessons": "课程顺序",
    "home.minutes": "约 {minutes} 分钟",
    "home.lesson.softmax": "从 logits 到概率：softmax 的性质、温度、数值溢出与稳定写法，"
    "以及为什么两类时它就是 sigmoid。",
    "home.lesson.loss": "交叉熵与平方损失：损失值、梯度与饱和；熵、交叉熵与 KL 散度。",
    "home.lesson.training": "在二维数据上实时梯度下降：决策区域、损失与准确率曲线、权重及其梯度。",
    "home.lesson.multilabel": "一个样本带有多个标签时：softmax 与每个标签一个 sigmoid 的对比训练。",
    "home.lecture": "在课堂上使用",
    "home.lecture.present": "**投影模式**（侧边栏）使用大字号、粗线条和高对比度，最后一排也能看清数字。",
    "home.lecture.links": "**链接可以复现画面**：地址栏保存了语言、投影模式和每节课的设置。"
    "可以为每张幻灯片准备一个链接，或把链接发给全班。",
    "home.lecture.keys": "**键盘**：有动画的课程在按钮旁列出快捷键（例如按空格键开始或暂停训练）。",
    "home.lecture.language": "**语言**：侧边栏中切换 中文 / English；带 `?lang=zh` 或 "
    "`?lang=en` 的链接会以该语言打开。",
    "home.summary": "逻辑回归与 softmax 回归对照",
    "home.summary.logistic": "逻辑回归",
    "home.summary.softmax": "Softmax 回归",
    "home.summary.task": "任务类型",
    "home.summary.task.logistic": "二分类",
    "home.summary.task.softmax": "多分类（互斥类别）",
    "home.summary.activation": "激活函数",
    "home.summary.output": "输出",
    "home.summary.output.logistic": "(0, 1) 内的标量",
    "home.summary.output.softmax": "$(0, 1)^K$ 内、总和为 1 的 K 维向量",
    "home.summary.loss": "损失函数",
    "home.summary.loss.logistic": "对数损失",
    "home.summary.loss.softmax": "交叉熵损失",
    "home.summary.prediction": "预测方式",
}
