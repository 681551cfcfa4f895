EN = {
    "softmax.intro": (
        "Softmax turns a vector of scores (**logits**) $z$ into probabilities: "
        "$\\hat y_k = e^{z_k} / \\sum_j e^{z_j}$. Change the logits and the temperature on the "
        "left: the bars and the formula follow. The tabs below go through the lesson in the "
        "order of the course."
    ),
    "softmax.presets": "Examples from the course",
    "softmax.names_dog_cat_chicken": "dog, cat, chicken",
    "softmax.logits_label": "Logits z (2 to 10 numbers)",
    "softmax.logits_help": (
        "Between {min_count} and {max_count} numbers separated by commas or spaces, "
        "for example 2, 1, 0.1. Or drag the sliders below."
    ),
    "softmax.kept_default": "Showing the default logits (2, 1, 0.1) instead.",
    "softmax.names_label": "Class names (optional)",
    "softmax.names_help": "Names separated by commas, one per logit. Left empty: the defaults.",
    "softmax.default_names": "cat, dog, chicken, bird, fish, horse, rabbit, cow, sheep, pig",
    "softmax.name_too_long": "Each class name can have at most {limit} characters. "
    "Showing the default names instead.",
    "softmax.names_repeat": "Two classes have the same name; give each a different one. "
    "Showing the default names instead.",
    "softmax.temperature_label": "Temperature T (log scale)",
    "softmax.temperature_help": (
        "softmax(z / T). Small T sharpens the output towards one-hot on the largest logit; "
        "large T flattens it towards uniform. The left end is the limit T → 0."
    ),
    "softmax.temperature_reason": "T must be a number from 0 (the limit T → 0) to 100",
    "softmax.sharper": "Lower T",
    "softmax.flatter": "Raise T",
    "softmax.keys_hint": "Keyboard: ← lowers T, → raises T.",
    "softmax.output_heading": "Probabilities ŷ = softmax(z / T)",
    "softmax.probability": "probability",
    "softmax.limit_caption": (
        "The limit T → 0 is not softmax at any one temperature: all the mass goes to the "
        "largest logit, shared equally when several logits tie for the maximum."
    ),
    "softmax.formula_shifted": (
        "$e^z$ overflows for these logits, so the fraction shows the stable form: every "
        "exponent has had the largest logit subtracted (see the Overflow tab)."
    ),
    "softmax.preset_shown": "Example ({logits}): {what}",
    "softmax.preset.running": "the course's running example, used by most questions below.",
    "softmax.preset.extreme": "large gaps give an extreme output, and the slide's values for it are wrong (see the Properties tab).",
    "softmax.preset.uniform": "equal logits give the uniform distribution, 1/K for every class.",
    "softmax.preset.overflow": "$e^{1000}$ overflows float64: the naive formula gives NaN, the stable one does not (see the Overflow tab).",
    "softmax.preset.animals": "the course's dog, cat and chicken: cat has the largest logit, so it gets the largest probability.",
    "softmax.names_filled": "Names given for {given} of the {count} classes; the others get default names: {added}.",
    "softmax.names_extra": "{extra} name(s) beyond the {count} logits are not used.",
    "softmax.formula_underflow": (
        "$e^z$ underflows for these logits: even the largest $e^{{z_k/T}}$ is below the smallest "
        "normal double (about 2.2e−308), so the plain fraction would read 0 / 0 (or lose its "
        "digits). The formula shows what the stable form computes: every exponent has had "
        "the largest logit m = {m} subtracted first (see the Overflow tab)."
    ),
    "softmax.tab_why": "Why not one sigmoid per class",
    "softmax.tab_properties": "Properties",
    "softmax.tab_overflow": "Overflow and the stable form",
    "softmax.tab_temperature": "Temperature",
    "softmax.tab_sigmoid": "Two classes = sigmoid",
    "softmax.at_unit_temperature": "This tab uses the logits at T = 1.",
    "softmax.why_intro": (
        "Logistic regression answers one yes/no question with $\\sigma(z)$. Could we run one "
        "sigmoid per class (cat or not? dog or not? …)? Below, the same logits go through "
        "independent sigmoids and through softmax."
    ),
    "softmax.sigmoid_sum": "Sum of the sigmoids $\\sum_k \\sigma(z_k)$",
    "softmax.softmax_sum": "Sum of softmax $\\sum_k \\hat y_k$",
    "softmax.problem_exclusive": (
        "**Not mutually exclusive**: {count} of the {total} classes get σ > 0.5 at the same "
        "time. Each sigmoid answers its own question, so nothing stops several yes answers "
        "(or none)."
    ),
    "softmax.problem_normalised": (
        "**Not normalised**: the sigmoids sum to {total}, not 1, so they are not a "
        "probability distribution over the classes."
    ),
    "softmax.problem_scale": (
        "**No common scale to choose a class**: each sigmoid belongs to its own separately "
        "trained model, so their outputs are not measured against each other. Softmax puts "
        "all the classes on one scale: they compete for one unit of probability."
    ),
    "softmax.properties_intro": (
        "Whatever the logits: every output is > 0 (because $e^x > 0$), the outputs sum to 1, "
        "and the largest logit gets the largest probability. Checked live on the output "
        "above:"
    ),
    "softmax.smallest": "Smallest output (> 0)",
    "softmax.total": "Sum of the outputs, full precision",
    "softmax.argmax_kept": "argmax z = argmax ŷ",
    "softmax.underflow_caption": (
        "An output printed as 0 here is float64 underflow: its true value is positive but "
        "smaller than the smallest number a computer double can hold (about 1e−308)."
    ),
    "softmax.limit_zero_caption": (
        "In the limit T → 0 the outputs below the maximum reach exactly 0; at every T > 0 "
        "they are positive."
    ),
    "softmax.shift_heading": "Adding a constant to every logit changes nothing",
    "softmax.shift_label": "Shift c added to every logit",
    "softmax.shift_result": (
        "Largest change of any output: **{change}** (float rounding only). "
        "The reason: $e^{{z_k + c}} = e^c e^{{z_k}}$, and $e^c$ cancels between numerator "
        "and denominator. This is why subtracting max(z) is safe."
    ),
    "softmax.extreme_heading": "Larger gaps give more extreme outputs",
    "softmax.course_mistake": (
        "The slide says Softmax(10, 0, 0) ≈ [0.999, 0.0004, 0.0004]. That is wrong: "
        "e⁻¹⁰ ≈ 0.0000454, so the true values are [{big}, {small}, {small}]. The small "
        "outputs are ten times smaller than on the slide (whose numbers do not even sum to 1)."
    ),
    "softmax.overflow_intro": (
        "Written exactly as the formula, softmax computes $e^{z_k}$ first. A double holds "
        "numbers up to about 1.8e308, so $e^{710}$ is already ∞, and ∞ / ∞ is NaN. "
        "Subtracting the largest logit $m$ first gives the same answer (see Properties) with "
        "every exponent ≤ 0. Try the example (1000, 0, 1000)."
    ),
    "softmax.naive_heading": "Naive: straight from the formula",
    "softmax.stable_heading": "Stable: subtract m = max(z) = {m} first",
    "softmax.class": "class",
    "softmax.naive_column": "naive",
    "softmax.stable_column": "stable",
    "softmax.log_heading": "Log-probabilities: `log(softmax(z))` against `log_softmax(z)`",
    "softmax.log_intro": (
        "Cross-entropy needs $\\log \\hat y_k$. Taking the log of a probability that "
        "underflowed to 0 gives −∞; `log_softmax` computes $z_k - m - \\log \\sum_j "
        "e^{z_j - m}$ and stays exact. With (1000, 1) the true value is −999."
    ),
    "softmax.try_log_example": "Try z = (1000, 1)",
    "softmax.temperature_intro": (
        "Dividing the logits by a temperature $T$ before softmax changes how sure the "
        "output is, never which class wins. As T → 0 the output sharpens towards one-hot on "
        "the largest logit; as T → ∞ it flattens towards uniform 1/K. The dashed line marks "
        "the current T."
    ),
    "softmax.temperature_axis": "temperature T (log scale)",
    "softmax.entropy": "Entropy of the output H(ŷ), nats",
    "softmax.entropy_max": "Maximum, uniform over {count} classes: log {count}",
    "softmax.entropy_caption": (
        "Entropy measures how spread out the output is: 0 for one-hot, log K for uniform."
    ),
    "softmax.sigmoid_intro": (
        "With two classes softmax depends only on the difference $z_1 - z_2$: divide the "
        "numerator and denominator by $e^{z_1}$."
    ),
    "softmax.first_two": (
        "The point uses the first two logits only ({first} and {second}), as if there were "
        "two classes."
    ),
}

ZH = {
    "softmax.intro": (
        "Softmax 把一组得分（**logits**）$z$ 变成概率："
        "$\\hat y_k = e^{z_k} / \\sum_j e^{z_j}$。在左侧修改 logits 和温度，"
        "柱状图和公式会随之变化。下方的标签页按课程顺序讲解。"
    ),
    "softmax.presets": "课程中的例子",
    "softmax.names_dog_cat_chicken": "狗, 猫, 鸡",
    "softmax.logits_label": "Logits z（2 到 10 个数）",
    "softmax.logits_help": (
        "输入 {min_count} 到 {max_count} 个数，用逗号或空格分隔，例如 2, 1, 0.1。"
        "也可以拖动下面的滑块。"
    ),
    "softmax.kept_default": "下面显示的是默认的 logits (2, 1, 0.1)。",
    "softmax.names_label": "类别名称（可选）",
    "softmax.names_help": "用逗号分隔，每个 logit 一个名称。留空则使用默认名称。",
    "softmax.default_names": "猫, 狗, 鸡, 鸟, 鱼, 马, 兔, 牛, 羊, 猪",
    "softmax.name_too_long": "每个类别名称最多 {limit} 个字符。下面使用默认名称。",
    "softmax.names_repeat": "有两个类别同名，请给每个类别取不同的名称。下面使用默认名称。",
    "softmax.temperature_label": "温度 T（对数刻度）",
    "softmax.temperature_help": (
        "softmax(z / T)。T 越小，输出越尖锐，趋向最大 logit 上的独热编码；"
        "T 越大，输出越平缓，趋向均匀分布。最左端是极限 T → 0。"
    ),
    "softmax.temperature_reason": "T 必须是 0（表示极限 T → 0）到 100 之间的数",
    "softmax.sharper": "降低 T",
    "softmax.flatter": "升高 T",
    "softmax.keys_hint": "键盘：← 降低 T，→ 升高 T。",
    "softmax.output_heading": "概率 ŷ = softmax(z / T)",
    "softmax.probability": "概率",
    "softmax.limit_caption": (
        "极限 T → 0 并不是某个温度下的 softmax：全部概率都给了最大的 logit；"
        "若有几个 logit 并列最大，则由它们平分。"
    ),
    "softmax.formula_shifted": (
        "这组 logits 的 $e^z$ 会溢出，所以分式用的是稳定写法：每个指数都先减去了最大的 logit"
        "（见“数值溢出”标签页）。"
    ),
    "softmax.preset_shown": "例子 ({logits})：{what}",
    "softmax.preset.running": "课程中贯穿始终的例子，下面的大多数问题都用它。",
    "softmax.preset.extreme": "差距大时输出很“极端”，而幻灯片上给它的数值是错的（见“性质”标签页）。",
    "softmax.preset.uniform": "logits 相等时得到均匀分布，每个类别都是 1/K。",
    "softmax.preset.overflow": "$e^{1000}$ 在 float64 中溢出：朴素公式得到 NaN，稳定写法则不会（见“数值溢出”标签页）。",
    "softmax.preset.animals": "课程中的狗、猫、鸡：猫的 logit 最大，所以它的概率最大。",
    "softmax.names_filled": "你给了 {count} 个类别中 {given} 个的名称；其余类别使用默认名称：{added}。",
    "softmax.names_extra": "超出 {count} 个 logits 的 {extra} 个名称没有使用。",
    "softmax.formula_underflow": (
        "这组 logits 的 $e^z$ 会下溢：连最大的 $e^{{z_k/T}}$ 都小于双精度浮点数能表示的最小正规数"
        "（约 2.2e−308），所以直接写出的分式会是 0 / 0（或丢失有效数字）。公式显示的是稳定写法"
        "实际计算的内容：每个指数都先减去了最大的 logit m = {m}（见“数值溢出”标签页）。"
    ),
    "softmax.tab_why": "为什么不用多个 sigmoid",
    "softmax.tab_properties": "性质",
    "softmax.tab_overflow": "数值溢出与稳定写法",
    "softmax.tab_temperature": "温度",
    "softmax.tab_sigmoid": "两类时就是 sigmoid",
    "softmax.at_unit_temperature": "本标签页使用 T = 1 时的 logits。",
    "softmax.why_intro": (
        "逻辑回归用 $\\sigma(z)$ 回答一个“是/否”问题。能不能每个类别各用一个 sigmoid"
        "（是不是猫？是不是狗？……）？下面把同一组 logits 分别送入互相独立的 sigmoid 和 softmax。"
    ),
    "softmax.sigmoid_sum": "各 sigmoid 之和 $\\sum_k \\sigma(z_k)$",
    "softmax.softmax_sum": "softmax 之和 $\\sum_k \\hat y_k$",
    "softmax.problem_exclusive": (
        "**不互斥**：{total} 个类别中有 {count} 个同时得到 σ > 0.5。每个 sigmoid 只回答自己的问题，"
        "没有什么能阻止它们同时说“是”（或者全都说“不是”）。"
    ),
    "softmax.problem_normalised": (
        "**无法归一化**：这些 sigmoid 之和是 {total}，而不是 1，所以它们不构成各类别上的概率分布。"
    ),
    "softmax.problem_scale": (
        "**缺少统一标准来选出类别**：每个 sigmoid 属于各自单独训练的模型，输出之间没有可比的尺度。"
        "Softmax 把所有类别放在同一个尺度上：它们竞争总量为 1 的概率。"
    ),
    "softmax.properties_intro": (
        "无论 logits 是多少：每个输出都 > 0（因为 $e^x > 0$），所有输出之和为 1，"
        "最大的 logit 得到最大的概率。下面对上方的输出实时验证："
    ),
    "softmax.smallest": "最小的输出（> 0）",
    "softmax.total": "输出之和（完整精度）",
    "softmax.argmax_kept": "argmax z = argmax ŷ",
    "softmax.underflow_caption": (
        "这里显示为 0 的输出是 float64 的下溢：它的真实值是正数，"
        "但比双精度浮点数能表示的最小数（约 1e−308）还小。"
    ),
    "softmax.limit_zero_caption": "在极限 T → 0 时，非最大的输出恰好为 0；只要 T > 0，它们都是正数。",
    "softmax.shift_heading": "给每个 logit 加上同一个常数，结果不变",
    "softmax.shift_label": "加到每个 logit 上的常数 c",
    "softmax.shift_result": (
        "所有输出中最大的变化：**{change}**（仅为浮点舍入误差）。"
        "原因：$e^{{z_k + c}} = e^c e^{{z_k}}$，$e^c$ 在分子和分母中约掉了。"
        "这也是减去 max(z) 不改变结果的原因。"
    ),
    "softmax.extreme_heading": "输入差距越大，输出越“极端”",
    "softmax.course_mistake": (
        "课件上写着 Softmax(10, 0, 0) ≈ [0.999, 0.0004, 0.0004]，这是错的："
        "e⁻¹⁰ ≈ 0.0000454，所以真实值是 [{big}, {small}, {small}]。"
        "两个小的输出比课件上的小十倍（课件上的三个数加起来也不等于 1）。"
    ),
    "softmax.overflow_intro": (
        "直接按公式计算时，softmax 先算 $e^{z_k}$。双精度浮点数最大约为 1.8e308，"
        "所以 $e^{710}$ 就已经是 ∞，而 ∞ / ∞ 得到 NaN。先减去最大的 logit $m$，"
        "结果不变（见“性质”），而且每个指数都 ≤ 0。试试例子 (1000, 0, 1000)。"
    ),
    "softmax.naive_heading": "朴素写法：直接照公式计算",
    "softmax.stable_heading": "稳定写法：先减去 m = max(z) = {m}",
    "softmax.class": "类别",
    "softmax.naive_column": "朴素写法",
    "softmax.stable_column": "稳定写法",
    "softmax.log_heading": "对数概率：`log(softmax(z))` 与 `log_softmax(z)`",
    "softmax.log_intro": (
        "交叉熵需要 $\\log \\hat y_k$。对一个已经下溢为 0 的概率取对数会得到 −∞；"
        "`log_softmax` 计算 $z_k - m - \\log \\sum_j e^{z_j - m}$，结果保持精确。"
        "对 (1000, 1)，真实值是 −999。"
    ),
    "softmax.try_log_example": "试试 z = (1000, 1)",
    "softmax.temperature_intro": (
        "在 softmax 之前把 logits 除以温度 $T$，会改变输出的确定程度，但不会改变哪个类别胜出。"
        "T → 0 时输出越来越尖锐，趋向最大 logit 上的独热编码；T → ∞ 时输出越来越平缓，"
        "趋向均匀分布 1/K。虚线标出当前的 T。"
    ),
    "softmax.temperature_axis": "温度 T（对数刻度）",
    "softmax.entropy": "输出的熵 H(ŷ)（奈特）",
    "softmax.entropy_max": "最大值：{count} 个类别上的均匀分布，log {count}",
    "softmax.entropy_caption": "熵衡量输出的分散程度：独热编码为 0，均匀分布为 log K。",
    "softmax.sigmoid_intro": (
        "只有两个类别时，softmax 只取决于差值 $z_1 - z_2$：把分子和分母同时除以 $e^{z_1}$ 即可。"
    ),
    "softmax.first_two": "图中的点只用了前两个 logits（{first} 和 {second}），相当于只有两个类别。",
}
