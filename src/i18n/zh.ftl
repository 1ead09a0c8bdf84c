### tongban 的中文消息目录：命令行、错误、提示与报告的文字（规则的消息在各规则的声明里）。
### 每条消息的 id 在 en.ftl 中也有一条；单元测试检查两者一致。

## 运行失败（退出码 2）

error-io = 无法读取 { $path }：{ $message }
error-schema = 模式文件有误 { $path }：{ $message }
    .help = 模式须为 JSON Schema 2020-12（JSON 或 YAML）；$ref 可指向本地文件或国家模式的 $id
error-config = 配置有误：{ $message }
    .help = `tongban config` 显示生效的配置；docs/rules-and-config.md 列出每个配置项
    .label = 此处
error-unknown-rule = 没有名为 `{ $name }` 的检查或规则
error-synonyms = 材料词典有误 { $path }：
    { $message }
    .help = 词典格式见 schemas/documents.schema.json，示例见 catalogs/documents.yaml
error-output = 无法写出结果：{ $message }
error-write = 无法写入 { $path }：{ $message }
error-internal = 读取 { $path } 时发生内部错误：{ $message }
    .help = 这是 tongban 的缺陷：请报告此问题，如可能请附上该文件
error-panic = tongban：内部错误（缺陷）：请报告此问题，并附上命令和输入
error-catalog-not-folder = 目录（--catalog 或 tongban.toml 中的 `catalog`）不是文件夹

## 操作系统错误的说明

os-not-found = 文件或文件夹不存在
os-permission-denied = 没有权限
os-already-exists = 已存在
os-is-a-directory = 这是文件夹，不是文件
os-not-a-directory = 路径中有一段不是文件夹
os-directory-not-empty = 文件夹不是空的
os-read-only = 文件系统只读
os-storage-full = 磁盘已满
os-quota = 超出磁盘配额
os-file-too-large = 文件过大
os-invalid-filename = 文件名无效（过长或含不允许的字符）
os-crosses-devices = 不能跨设备移动
os-broken-pipe = 管道已关闭
os-timed-out = 超时
os-interrupted = 操作被中断
os-out-of-memory = 内存不足
os-invalid-data = 数据无效（不是 UTF-8 文本？）
os-unexpected-eof = 文件意外结束
os-busy = 文件或设备正忙
os-stale = 网络文件句柄已失效
os-other = 系统错误（{ $detail }）

## 命令行：clap 的标题与错误

help-usage = 用法：
help-heading-commands = 命令
help-heading-arguments = 参数
help-heading-options = 选项
help-heading-fixes = 修复
help-default = [默认值：{ $value }]
help-possible-values = [可选值：{ $values }]
help-possible-values-heading = 可选值：
clap-error = 错误：
clap-tip = 提示：
clap-try-help = 更多信息请运行 '--help'。
clap-value-required = '{ $arg }' 需要一个值，但没有给出
clap-invalid-value = '{ $arg }' 的值 '{ $value }' 无效
clap-value-invalid-because = '{ $arg }' 的值 '{ $value }' 无效：{ $why }
clap-unknown-argument = 未知参数 '{ $arg }'
clap-unknown-subcommand = 未知子命令 '{ $name }'
clap-missing-required = 缺少必需的参数：{ $args }
clap-missing-subcommand = '{ $name }' 需要一个子命令，但没有给出
clap-used-twice = 参数 '{ $arg }' 不能重复使用
clap-conflict = 参数 '{ $arg }' 不能与 { $others } 同时使用
clap-no-equals = 给 '{ $arg }' 赋值须用等号（=）
clap-too-many-values = '{ $arg }' 多出了值 '{ $value }'
clap-wrong-number-of-values = '{ $arg }' 的值的个数不对
clap-invalid-utf8 = 参数不是有效的 UTF-8 文本
clap-other = 命令行有误
clap-subcommands = [子命令：{ $values }]
clap-similar-subcommand = 有相近的子命令：{ $names }
clap-similar-argument = 有相近的参数：{ $names }
clap-similar-value = 有相近的值：{ $names }
clap-tip-pass-as-value = 要把 '{ $value }' 作为值传入，请写 '{ $with }'
clap-tip-remove-dashes = 子命令 '{ $name }' 存在；要使用它，请去掉它前面的 '--'
clap-tip-subcommand-flag = 子命令中有此参数：'{ $flag }'

## 命令行参数的值

value-not-a-size = `{ $value }` 不是大小（例如 2048、512KiB、10MiB）
value-unknown-unit = 未知的大小单位 `{ $unit }`（可用 B、KiB、MiB、GiB、KB、MB、GB）
value-too-large = `{ $value }` 过大
value-not-a-percentage = `{ $value }` 不是百分比（例如 80、80%、12.5）
value-not-a-fraction = `{ $value }` 不是 0 到 1 之间的数
value-not-between = `{ $value }` 不在 { $low } 到 { $high } 之间
value-no-path = `{ $value }`：`{ $format }=` 后面缺少路径
value-unknown-format = `{ $value }` 中的格式 `{ $format }` 未知（可用格式：{ $known }）
value-empty-path = 路径为空

## `--help`：命令与参数的说明。英文说明是 src/cli.rs 中的文档注释，所以以下 cmd-、arg-、pv- 条目
## 只在中文目录里。键：cmd-<命令路径>（.long 详细说明，.after 结尾说明）；arg-<命令>-<参数> 或
## 各命令共用的 arg-<参数>（.long 详细说明）；pv-<命令>-<参数>-<值> 或 pv-<参数>-<值>（可选值）。

cmd-tongban = 检查并跨地区比较政务服务办事指南
cmd-lint = 按国家模式和规则检查办事指南
cmd-schema = 输出内置的国家模式（JSON Schema 2020-12）
cmd-diff = 跨地区比较同一政务服务事项，报告不一致的要求
    .long =
        跨地区比较同一政务服务事项，报告不一致的要求。

        事项按基本编码（两份指南都有时）或规范化后的事项名称对齐；材料名称经规范化并按同义词词典映射。
        区划代码 100000 是国家基准，不作为一个地区列。
    .after =
        统一度（每个事项）= |在每个地区都必要的材料| / |至少在一个地区必要的材料|；没有任何必要材料时为 1.0。
        非必要和容缺后补不算必要。只在一个地区出现的事项会报告，但不会因 --fail-under 失败。

        退出码：0 正常，1 未达到 --fail-under，2 用法或读写错误。

        示例：
          tongban diff catalogs
          tongban diff catalogs --format html -o report.html
          tongban diff catalogs --item 合伙企业设立登记 --regions 310000,340000
          tongban diff catalogs --format json --fail-under 0.5
cmd-coverage = 跨省通办协议的覆盖情况：每个约定事项有哪些成员发布了指南，各成员的指南有多一致
    .after =
        协议是名为 `agreements` 的文件夹中的 YAML 文件（catalogs/agreements/*.yaml，模式为
        schemas/agreement.schema.json）。协议的覆盖率 = 已发布指南的（事项，成员）对数 /（所列事项数 × 成员数）。
        只有协议写明 `counts_toward_province: true` 时，市、县的指南才计入包含它的成员。
        两个及以上成员发布同一事项时，按 `tongban diff` 的方式比较其指南（统一度、不一致的材料）。

        退出码：0 正常，1 未达到 --fail-under 或协议文件有错误，2 用法或读写错误。

        示例：
          tongban coverage catalogs
          tongban coverage catalogs --agreement catalogs/agreements/huaihai-sisheng-bashi.yaml
          tongban coverage catalogs --format html -o coverage.html
          tongban coverage catalogs --format json --fail-under 50
cmd-material = 显示所列材料名称如何读作要求：拆分的各项、可接受的替代材料、去掉的限定语、他人的证件、兜底表述，以及每项如何匹配
    .after =
        解读依据材料本体：内置的 catalogs/documents.yaml，可用 --synonyms 文件（或 tongban.toml 中的
        `synonyms`）扩充。`tongban diff` 用同样的解读对齐材料。

        示例：
          tongban material "夫妻双方居民身份证、户口簿、结婚证等有效证件"
          tongban material --item 生育登记 "《广东省生育登记表》" --format json
cmd-rules = 列出每项检查和规则：代码、名称、默认级别、摘要
cmd-rule = 解释一项检查或规则
cmd-config = 输出生效的配置（tongban.toml 与默认值合并后）
cmd-completions = 输出命令行补全脚本（bash、zsh、fish、powershell、elvish）
    .long =
        输出命令行补全脚本（bash、zsh、fish、powershell、elvish）。脚本在每次按 TAB 时询问（PATH 中的）
        `tongban`，所以能补全规则代码、当前目录中的事项和区划，以及新增的选项，无需重新生成。

        bash：`tongban completions bash > ~/.local/share/bash-completion/completions/tongban`；
        zsh：`tongban completions zsh > "${"{"}fpath[1]{"}"}/_tongban"`；
        fish：`tongban completions fish > ~/.config/fish/completions/tongban.fish`；
        PowerShell：`tongban completions powershell | Out-String | Invoke-Expression`。
cmd-man = 输出手册页（roff）：`tongban man > tongban.1; man ./tongban.1`；`tongban man lint` 输出 tongban-lint(1)，即一个子命令及其全部选项的手册页
cmd-server = 为编辑器运行语言服务器（经标准输入/输出的 LSP）：输入时显示检查结果、悬停文档、快速修复
cmd-help = 显示本帮助，或指定子命令的帮助

arg-lang = 消息语言 [默认值：取自 LANG：en* → en，否则 zh]
arg-color = 何时使用颜色
arg-quiet = 只输出检查结果（不输出汇总行和进度）
arg-config = 使用此配置文件，而不是工作目录及其上级中最近的 tongban.toml
arg-help = 显示帮助
    .long = 显示帮助（-h 显示摘要）
arg-version = 显示版本
arg-jobs = 工作线程数 [默认值：全部核心]
arg-max_file_size = 跳过大于此值的文件（字节数，或带单位：512KiB、10MiB、1GB）
arg-synonyms = 扩充内置 catalogs/documents.yaml 的材料本体 [默认值：所给文件夹根目录下的 documents.yaml 或 materials.yaml]
arg-output = 把报告写入文件，而不是标准输出
arg-format = 输出格式
arg-paths = 指南文件或文件夹（文件夹：其中每个 *.yaml / *.yml，跳过隐藏项）

arg-lint-paths = 要检查的文件或文件夹（文件夹：其中每个 *.yaml / *.yml，跳过隐藏项）；`-` 从标准输入读取一份指南
arg-lint-schema = 按此模式检查（JSON 或 YAML，JSON Schema 2020-12），而不是国家模式
arg-lint-format = 输出格式 [默认值：tongban.toml 中的 `format`，否则 human]
arg-lint-output = 同时把报告写入文件：`格式=路径`（可重复，例如 `-o sarif=tongban.sarif -o junit=junit.xml`）；只写 `路径` 时，把 --format 的报告写到那里而不是标准输出
arg-lint-statistics = 输出每条规则的检查结果数，而不是每条结果（表格；`-f json` 时为 JSON）
arg-lint-fail_on = 有此级别或更高级别（error、warning、never）的检查结果，或有这些代码或代码组的任何结果（不论级别：TB305、TB3xx、规则名称）时，以退出码 1 结束；用逗号分隔或重复给出：`--fail-on warning,TB3xx` [默认值：tongban.toml 中的 `fail-on`，否则 error]
arg-lint-baseline = 只报告（并只因之失败）未记录在此基线文件中的检查结果
arg-lint-write_baseline = 把当前每条检查结果记入此基线文件（并以 0 退出）
arg-lint-stdin_filename = 与 `-` 一起使用：标准输入中的指南所代表的路径（显示在检查结果中，并按配置的 include/exclude 和按路径的级别匹配）
arg-lint-catalog = 整个目录，供跨地区规则（TB3xx）在只给出部分文件时使用（如 pre-commit）：这些文件与 DIR 下的每份指南比较，只报告所给文件中的结果 [默认值：tongban.toml 中的 `catalog`]
arg-lint-fix = 就地（原子地）应用安全修复，然后报告剩下的问题
arg-lint-unsafe_fixes = 同时应用不安全的修复（可能改变指南的内容），与 --fix 或 --diff 一起使用
arg-lint-diff = 以统一差异格式输出修复，而不写入文件（有修复时退出码为 1）

arg-diff-item = 只比较此事项（事项名称或基本编码）
arg-diff-region = 只比较这些地区（行政区划代码；可重复，或用逗号分隔）
arg-diff-regions = 两两比较：两个地区规范化后材料清单的统一差异（需要 --item；100000 表示国家基准）
arg-diff-fail_under = 有事项的一致性指数低于此值（0.0–1.0）时以退出码 1 结束。只检查有两个及以上地区计入一致性（完整指南；都不完整时为全部地区）的事项

arg-coverage-paths = 指南文件或文件夹（文件夹：其中每个 *.yaml / *.yml，跳过隐藏项）。除非给出 --agreement，这里找到的协议文件就是要报告的协议
arg-coverage-agreement = 报告此协议文件，或此文件夹中的每份协议（可重复）[默认值：PATHS 下找到的协议]
arg-coverage-format = 输出格式：table、markdown、json、csv、xlsx（需要 -o 或管道）、html —— 与 `tongban diff` 相同（docs/coverage.md）
arg-coverage-fail_under = 有协议的覆盖率低于此百分比（0–100：80、80%、12.5）时以退出码 1 结束。未列出事项的协议不检查

arg-material-names = 指南中所列的材料名称
arg-material-item = 在此事项（事项名称或基本编码）中解读：事项自己的表格和限于事项的本体条目取决于它
arg-material-synonyms = 扩充内置材料本体的词典 [默认值：tongban.toml 中的 `synonyms`]

arg-rules-markdown = 以 Markdown 输出完整文档（即 docs/rules.md 的内容）
arg-rule-rule = 检查的代码（TB201）或名称（promised-exceeds-legal）
arg-completions-shell = 命令行外壳
arg-man-command = 一个子命令（lint、diff、coverage……）
arg-server-max_file_size = 不检查大于此值的缓冲区（字节数，或带单位：512KiB、10MiB、1GB）
arg-help-subcommand = 要显示其帮助的子命令

pv-lang-zh = 中文（面向标准化工作人员；默认）
pv-lang-en = 英文
pv-color-auto = 写到终端且未设置 NO_COLOR 时使用颜色
pv-color-always = 总是使用颜色
pv-color-never = 从不使用颜色
pv-lint-format-human = 带源码片段的标注，供人阅读
pv-lint-format-json = 一个 JSON 对象：{"{"}"findings": [...], "summary": {"{"}...{"}"}{"}"}
pv-lint-format-json-lines = 每行一条 JSON 检查结果
pv-lint-format-sarif = SARIF 2.1.0（GitHub 代码扫描）
pv-lint-format-junit = JUnit XML：每个文件一个测试用例，达到 --fail-on 级别时失败
pv-lint-format-github = GitHub Actions 工作流命令（注释；作业摘要写入 $GITHUB_STEP_SUMMARY）
pv-lint-format-gitlab = GitLab 代码质量报告（JSON）
pv-format-table = 每个事项一张易读的表格，用于终端
pv-format-markdown = Markdown 表格（用于议题或维基页面）
pv-format-json = 一个 JSON 文档（见 docs/diff.md）
pv-format-csv = 每个事项 × 材料 × 地区一行（带 BOM 的 UTF-8，供 Excel 使用）
pv-format-xlsx = Excel 工作簿：一张汇总表，每个事项一张表（需要 -o 或管道）
pv-format-html = 一个独立的 HTML 页面：排序的汇总和每个事项的热力图
pv-material-format-text = 易读的行（跟随 --lang）
pv-material-format-json = 一个 JSON 文档：{"{"}"format_version", "item", "readings": [...]{"}"}

## tongban diff

did-you-mean = 您是否想写 `{ $name }`？
diff-no-item = 输入中没有事项 `{ $item }` 的指南
diff-no-region = 区划 `{ $region }` 没有指南
diff-no-region-of-item = 区划 `{ $region }` 没有该事项的指南
diff-regions-present = 现有区划：{ $regions }

## 运行中的提示（标准错误）

note-wrote = 已写入 { $path }
note-skipped = 注意：跳过 { $path }：{ $reason }
xlsx-to-terminal = xlsx 是二进制格式：请用 -o FILE 写入文件（或用管道）
lint-named-only = 注意：跨地区规则（TB3xx）只比较了所给的文件；要与整个目录比较，请用 --catalog 目录，或在 tongban.toml 中写 catalog
lint-no-files = 警告：所给路径中没有找到办事指南文件（*.yaml、*.yml），未检查任何文件
lint-not-guides = 注意：跳过 { $count } 个不是办事指南的 YAML 文件（如 { $first }）：没有 item、materials 等顶层要素；要检查哪些文件，可在 tongban.toml 的 include 中列出
lint-fix-stdin = --fix 和 --diff 只作用于文件，不作用于标准输入（`-`）；编辑器可通过 `tongban server` 的代码操作获得同样的修复
lint-stdin-alone = `-`（标准输入）不能与其他路径同时使用
lint-stdin-filename = --stdin-filename 要求 `-` 是唯一的路径（tongban lint - --stdin-filename 路径）
fix-not-utf8 = 不是 UTF-8 文件，未修复（先转换编码）
fix-did-not-verify = 修复结果未通过复核（数据或问题与预期不符），未修改文件（请报告此问题）
fix-not-written = 未写入：{ $reason }
fix-link-outside = 符号链接指向检查范围之外（{ $target }），未修复
fix-changed-meanwhile = 修复期间文件被改动
fix-nothing = 没有可自动修复的问题
fix-fixable = 可自动修复 { $fixes } 处（{ $files } 个文件）；加 --fix 写入
fix-fixed = 已修复 { $fixes } 处（{ $files } 个文件），剩余 { $remaining } 处
diff-regions-two = --regions 需要恰好两个区划代码（A,B），实际为 { $count } 个
diff-pairwise-formats = 两地对比（--regions）只能输出 table（统一差异格式）或 json
diff-collision = 警告：{ $kept } 和 { $ignored } 都描述区划 { $region } 的事项 { $item }；只比对了前者
diff-fails-under = 错误：{ $item } 的一致性为 { $uniformity }，低于 --fail-under { $threshold }
coverage-no-agreement = 没有协议文件：请用 --agreement FILE 指定，或给出含 `{ $folder }/` 文件夹的目录（如 catalogs）
coverage-no-such-agreement = 没有这个协议文件
coverage-file-errors = 错误：协议文件中有 { $count } 个错误；这些协议的覆盖率不予报告
coverage-rule-errors = 错误：{ $count } 个覆盖率问题为错误级别（在 tongban.toml 中调高）
coverage-fails-under = 错误：{ $agreement } 的覆盖率 { $coverage } 低于 --fail-under { $limit }

## 检查结果的汇总

summary-no-files = ⚠ 没有找到办事指南文件，未检查任何文件
summary-clean = ✓ 已检查 { $n } 个文件，未发现问题
summary-findings = ✗ 已检查 { $n } 个文件，其中 { $with_findings } 个有问题：{ $e } 个错误，{ $w } 个警告，{ $i } 条提示
human-more-findings = { $file } 中另有 { $n } 条问题，每条一行显示（完整片段见 --format json 等格式）：
baseline-recorded = 基线：已记录 { $n } 个问题
baseline-matched = 基线：{ $m } 个已记录的问题未显示；{ $f } 条基线记录已修复（可用 --write-baseline 更新基线）
statistics-not-guides = 跳过 { $count } 个不是办事指南的 YAML 文件
statistics-top-files = 问题最多的文件（前 { $count } 个）
junit-failing = { $failing } 个问题达到或超过 --fail-on 级别（{ $errors } 个错误，{ $warnings } 个警告）
junit-failing-selected = { $failing } 个问题达到或超过 --fail-on 级别或属于其所选代码（{ $errors } 个错误，{ $warnings } 个警告，{ $infos } 个提示）
material-head = “{ $material }” → { $count } 项要求
server-omitted = 另有 { $omitted } 处问题未显示（tongban.toml 中 [server] 的 max-diagnostics 为 { $max }）；运行 tongban lint 查看全部

## 跨地区比较报告（tongban diff）：标题与汇总；矩阵中逐格的短词仍在 src/report/diff.rs

diff-summary = 共 { $items } 个事项（{ $comparable } 个有两个及以上地区计入一致性），来自 { $guides } 个指南
diff-nothing = 没有可比对的事项（{ $guides } 个指南）
diff-uniformity-note = 一致性 = 各地都要求的材料数 ÷ 至少一地要求的材料数；按一致性从低到高排列
diff-similar = { $row } ≈ “{ $piece }”（{ $regions }）与“{ $with }”：相似度 { $score }，共同词 { $shared }；确认：overrides.same 加 { $pair }；否决：overrides.never_merge 加 { $pair }
diff-uniformity = { $uniformity }（{ $everywhere }/{ $anywhere } 项各地都要求）
diff-regions-count = 地区（{ $count }）
diff-common-core = 共同核心（{ $count }）
diff-baseline = 全国基线（{ $path }{ $partial }；必要材料 { $required } 项）

## 协议覆盖报告（tongban coverage）：标题与汇总

coverage-summary = { $agreements } 个协议，读取 { $guides } 个指南{ $covered }
coverage-nothing = 没有协议（{ $guides } 个指南）
coverage-note = 覆盖率 = 有已发布指南的（事项，成员）对数 ÷ 事项数 × 成员数
coverage-mode-conflict = { $item }：{ $member } { $guide } 写明 { $found }，与约定的 { $agreed } 不符
coverage-compared = { $title }：各成员指南比对
coverage-none-published = ✗ { $count } 个成员均未发布
coverage-others = ✗ 其余 { $count } 个成员

## 写出文件

write-hard-links = 文件有 { $links } 个硬链接，替换会使其他链接保留旧内容，未写入
write-input = 输出文件也是本次检查的输入（{ $input }），不能覆盖

## 其他提示与说明

not-a-guide-item-name = 不是办事指南：缺少 item.name（事项名称）
not-a-guide-region-code = 不是办事指南：缺少 region.code（行政区划代码）
not-a-guide-materials = 不是办事指南：缺少 materials 列表（申请材料）
unknown-rule-did-you-mean = 您是否想写 `{ $name }`？`tongban rules` 列出全部规则代码和名称
unknown-rule-list = 用 `tongban rules` 查看全部规则代码和名称
buffer-too-large = 超过大小上限 { $max } 字节，未检查
    .help = 如确需检查，可用 --max-file-size 调高上限
material-item-did-you-mean = 注意：材料本体中没有限于事项 `{ $item }` 的条目；您是否想写 `{ $name }`？
config-unknown-rule = 配置中的规则“{ $name }”不存在
config-docs-url = docs-url 须为 http:// 或 https:// 开头的仓库地址（如 https://github.com/组织/tongban）
fail-on-two-levels = --fail-on 只能有一个级别，却给了 `{ $first }` 和 `{ $second }`
fail-on-invalid = --fail-on 的取值 `{ $value }` 无效：可写 error、warning、never（级别），检查代码（TB305）、代码组（TB3、TB3xx、TB30x）或规则名称（inconsistent-implementing-agency），多个用逗号分隔；`tongban rules` 列出全部代码

## tongban rule CODE

rule-doc-head = { $summary } · 默认级别 **{ $severity }**（`{ $code }`）
rule-doc-kind = 类别：{ $kind }
rule-doc-fix = 修复
rule-doc-fix-safe = 安全（`--fix`）
rule-doc-fix-unsafe = 不安全（`--fix --unsafe-fixes`）

## 终端上的进度（indicatif 模板：{spinner} {msg} {human_pos} {human_len} {bar:30} {elapsed}）

progress-counting = {"{"}spinner{"}"} {"{"}msg{"}"}：{"{"}human_pos{"}"} 个文件，{"{"}elapsed{"}"}
progress-bar = {"{"}spinner{"}"} {"{"}msg{"}"}：[{"{"}bar:30{"}"}] {"{"}human_pos{"}"}/{"{"}human_len{"}"}，{"{"}elapsed{"}"}
progress-linting = 正在检查
progress-catalog = 正在读取目录
progress-reading = 正在读取指南
progress-comparing = 正在跨地区比较（四级四同）
progress-locating = 正在定位跨地区检查结果
