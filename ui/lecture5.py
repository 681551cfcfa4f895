"""The shipped plan: the course's lecture 5 (Softmax 回归与多分类), section by section.

Every slide of the deck's sections 1 to 6 that has a live view in the app has an entry (a
slide with two worked examples has two); section title slides, summary tables and the
closing slide have none. ``slide`` is the deck's page number as its slides number it (the
title slide is 1); ``section`` is the deck's 第N节. Training views use the training lesson's
``epoch`` (paused there), ``play``, ``speed`` and ``settings=hidden`` (docs/course.md §5).
"""

from ui import plans

_ENTRIES = (
    # 第1节 问题引入与多分类场景
    (
        "images",
        {"tab": "toy"},
        3,
        1,
        "图像识别（3 类）：一张图片属于哪一类",
        "Image recognition (3 classes): which class is a picture",
    ),
    (
        "softmax",
        {
            "tab": "properties",
            "logits": "1.5,0.3,-0.2,0.8",
            "names": {"zh": "体育,科技,娱乐,财经", "en": "sports,tech,entertainment,finance"},
        },
        4,
        1,
        "新闻文本分类（4 类）",
        "News topics (4 classes)",
    ),
    (
        "softmax",
        {"tab": "properties", "logits": "0.5,2.2,-1,0.3", "names": "100,200,300,999"},
        5,
        1,
        "故障代码识别（多类别）",
        "Fault codes (several classes)",
    ),
    (
        "softmax",
        {"tab": "sigmoid", "logits": "3,1"},
        6,
        1,
        "1.2 为什么逻辑回归不够用：sigmoid 只分两类",
        "1.2 Why logistic regression is not enough: a sigmoid splits two classes",
    ),
    (
        "softmax",
        {"tab": "why", "logits": "2,1,0.1"},
        7,
        1,
        "错误方法：多个逻辑回归组合（和不为 1）",
        "The wrong way: one logistic regression per class (sums are not 1)",
    ),
    (
        "softmax",
        {"tab": "properties", "logits": "-2.303,-0.357,-1.609"},
        8,
        1,
        "正确思路：输出 K 维概率向量 [0.1, 0.7, 0.2]",
        "The right idea: a K-vector of probabilities [0.1, 0.7, 0.2]",
    ),
    # 第2节 Softmax 函数的定义与性质
    (
        "softmax",
        {"tab": "properties", "logits": "2,1,0.1"},
        10,
        2,
        "2.1 Softmax 是什么：数学定义",
        "2.1 What softmax is: the definition",
    ),
    (
        "softmax",
        {"tab": "properties", "logits": "-3,0,5"},
        11,
        2,
        "2.2 特点 1：每一维都是非负",
        "2.2 Property 1: every output is positive",
    ),
    (
        "softmax",
        {"tab": "properties", "logits": "2,1,0.1"},
        12,
        2,
        "特点 2：所有维度之和等于 1",
        "Property 2: the outputs sum to 1",
    ),
    (
        "softmax",
        {"tab": "properties", "logits": "10,0,0"},
        13,
        2,
        "特点 3：输入差异越大，输出越极端：Softmax(10, 0, 0)",
        "Property 3: larger gaps, more extreme outputs: softmax(10, 0, 0)",
    ),
    (
        "softmax",
        {"tab": "properties", "logits": "1,1,1"},
        13,
        2,
        "特点 3：输入相差不大，输出更平滑：Softmax(1, 1, 1)",
        "Property 3: small gaps, smooth outputs: softmax(1, 1, 1)",
    ),
    (
        "softmax",
        {"tab": "sigmoid", "logits": "3,1"},
        14,
        2,
        "2.3 Softmax 是 Sigmoid 的推广",
        "2.3 Softmax generalises the sigmoid",
    ),
    # 第3节 模型结构与交叉熵损失函数
    (
        "images",
        {"tab": "toy"},
        17,
        3,
        "3.1 模型结构：ŷ = Softmax(Wx + b)",
        "3.1 The model: ŷ = softmax(Wx + b)",
    ),
    (
        "loss",
        {"tab": "curve"},
        18,
        3,
        "3.2 输出与真实标签的差距如何衡量",
        "3.2 How far is the output from the true label",
    ),
    (
        "loss",
        {"tab": "curve", "K": "4", "true": "2", "p": "0.5", "spread": "even"},
        19,
        3,
        "3.3 交叉熵：one-hot 标签 y = [0, 1, 0, 0]",
        "3.3 Cross-entropy: the one-hot label y = [0, 1, 0, 0]",
    ),
    (
        "loss",
        {"tab": "curve", "K": "4", "true": "2", "p": "0.5", "spread": "one"},
        20,
        3,
        "损失函数公式：只剩正确类别 −log ŷ_true",
        "The loss: only the true class is left, −log ŷ_true",
    ),
    (
        "loss",
        {"tab": "curve", "K": "4", "true": "2", "p": "0.7", "spread": "even"},
        21,
        3,
        "举例：正确预测 ŷ = 0.7，L ≈ 0.357",
        "Example: a right prediction, ŷ = 0.7, L ≈ 0.357",
    ),
    (
        "loss",
        {"tab": "curve", "K": "4", "true": "2", "p": "0.2", "spread": "even"},
        21,
        3,
        "举例：错误预测 ŷ = 0.2，L ≈ 1.609",
        "Example: a wrong prediction, ŷ = 0.2, L ≈ 1.609",
    ),
    (
        "loss",
        {"tab": "cases"},
        22,
        3,
        "3.4 为什么选交叉熵：与平方误差相比",
        "3.4 Why cross-entropy: against squared error",
    ),
    (
        "loss",
        {"tab": "information"},
        22,
        3,
        "3.4 衡量概率分布间差距：熵、交叉熵与 KL",
        "3.4 A gap between distributions: entropy, cross-entropy, KL",
    ),
    (
        "loss",
        {"tab": "gradients"},
        22,
        3,
        "3.4 可导性强：梯度简单明了",
        "3.4 Easy to differentiate: a simple gradient",
    ),
    # 第4节 梯度推导与参数更新
    (
        "training",
        {"epoch": "0", "settings": "hidden"},
        25,
        4,
        "4.1 模型回顾：n 个样本的平均交叉熵",
        "4.1 The model again: the mean cross-entropy of n samples",
    ),
    (
        "training",
        {"epoch": "5"},
        26,
        4,
        "4.2 对权重 W 的梯度",
        "4.2 The gradient with respect to W",
    ),
    (
        "training",
        {"epoch": "20"},
        27,
        4,
        "4.3 对偏置 b 的梯度",
        "4.3 The gradient with respect to b",
    ),
    (
        "training",
        {"play": "1", "speed": "2", "settings": "hidden"},
        28,
        4,
        "4.4 梯度下降更新：W := W − α∇W",
        "4.4 The gradient descent update: W := W − α∇W",
    ),
    (
        "loss",
        {"tab": "gradients", "K": "2", "true": "1"},
        29,
        4,
        "4.5 与逻辑回归比较：两类时的梯度 ŷ − y",
        "4.5 Against logistic regression: the gradient ŷ − y for two classes",
    ),
    # 第5节 使用 NumPy 手动实现的训练过程
    (
        "training",
        {"play": "1", "speed": "10", "settings": "hidden"},
        31,
        5,
        "决策边界与损失曲线：训练过程",
        "Decision regions and the loss curve, training",
    ),
    (
        "training",
        {"epoch": "100", "settings": "hidden"},
        32,
        5,
        "左图：决策边界（是直线，不是曲线）",
        "Left: the decision boundaries (straight lines, not curves)",
    ),
    (
        "training",
        {"epoch": "200", "settings": "hidden"},
        33,
        5,
        "右图：交叉熵损失的下降曲线",
        "Right: the cross-entropy loss falling",
    ),
    (
        "training",
        {"epoch": "0"},
        34,
        5,
        "本节实现：生成 3 类数据、前向传播、梯度下降",
        "What this section builds: 3 classes of data, the forward pass, gradient descent",
    ),
    # 第6节 总结与多分类的扩展方向
    (
        "images",
        {"tab": "calibration"},
        37,
        6,
        "6.2 Softmax 输出可以看作概率吗",
        "6.2 Is the softmax output a probability?",
    ),
    (
        "multilabel",
        {},
        38,
        6,
        "6.3 多标签分类：每个标签一个 sigmoid",
        "6.3 Multi-label: one sigmoid per label",
    ),
    (
        "images",
        {"tab": "train"},
        39,
        6,
        "6.4 工程应用：图像分类（Fashion-MNIST）",
        "6.4 Applications: image classification (Fashion-MNIST)",
    ),
)

LECTURE_5 = plans.Plan(
    (
        ("zh", "第5讲：Softmax 回归与多分类"),
        ("en", "Lecture 5: softmax regression and multi-class classification"),
    ),
    tuple(
        plans.entry(page, params, {"zh": zh, "en": en}, slide, section)
        for page, params, slide, section, zh, en in _ENTRIES
    ),
)
