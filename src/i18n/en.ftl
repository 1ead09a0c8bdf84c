### tongban's English message catalog: what the command line, errors, notes and reports say
### (rules' messages are in each rule's declaration). Every id here is in zh.ftl too; a unit test
### checks that the two agree.

## A run that could not do its job (exit status 2)

error-io = cannot read { $path }: { $message }
error-schema = bad schema { $path }: { $message }
    .help = the schema must be JSON Schema 2020-12 (JSON or YAML); $refs may name local files or the national schema's $id
error-config = bad configuration: { $message }
    .help = `tongban config` prints the effective configuration; docs/rules-and-config.md lists every key
    .label = here
error-unknown-rule = no check or rule is called `{ $name }`
error-synonyms = bad synonyms dictionary { $path }:
    { $message }
    .help = the dictionary follows schemas/documents.schema.json; see catalogs/documents.yaml
error-output = cannot write output: { $message }
error-write = cannot write { $path }: { $message }
error-internal = internal error while reading { $path }: { $message }
    .help = this is a bug in tongban: please report it, with the file if you can
error-panic = tongban: internal error (a bug): please report it with the command and inputs
error-catalog-not-folder = the catalog (--catalog or `catalog` in tongban.toml) is not a folder

## Operating-system errors, explained

os-not-found = no such file or folder
os-permission-denied = permission denied
os-already-exists = it already exists
os-is-a-directory = it is a folder, not a file
os-not-a-directory = a part of the path is not a folder
os-directory-not-empty = the folder is not empty
os-read-only = the file system is read-only
os-storage-full = the disk is full
os-quota = the disk quota is exceeded
os-file-too-large = the file is too large
os-invalid-filename = invalid file name (too long, or a character not allowed)
os-crosses-devices = cannot move across devices
os-broken-pipe = the pipe was closed
os-timed-out = timed out
os-interrupted = interrupted
os-out-of-memory = out of memory
os-invalid-data = invalid data (not UTF-8 text?)
os-unexpected-eof = the file ended early
os-busy = the file or device is busy
os-stale = stale network file handle
os-other = system error ({ $detail })

## The command line: clap's headings and errors (English help is the derive's doc comments)

help-usage = Usage: 
help-heading-commands = Commands
help-heading-arguments = Arguments
help-heading-options = Options
help-heading-fixes = Fixes
help-default = [default: { $value }]
help-possible-values = [possible values: { $values }]
help-possible-values-heading = Possible values:
clap-error = error: 
clap-tip = tip: 
clap-try-help = For more information, try '--help'.
clap-value-required = a value is required for '{ $arg }' but none was supplied
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-value-invalid-because = invalid value '{ $value }' for '{ $arg }': { $why }
clap-unknown-argument = unexpected argument '{ $arg }' found
clap-unknown-subcommand = unrecognized subcommand '{ $name }'
clap-missing-required = the following required arguments were not provided: { $args }
clap-missing-subcommand = '{ $name }' requires a subcommand but one was not provided
clap-used-twice = the argument '{ $arg }' cannot be used multiple times
clap-conflict = the argument '{ $arg }' cannot be used with { $others }
clap-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-wrong-number-of-values = wrong number of values for '{ $arg }'
clap-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
clap-other = the command line is not valid
clap-subcommands = [subcommands: { $values }]
clap-similar-subcommand = a similar subcommand exists: { $names }
clap-similar-argument = a similar argument exists: { $names }
clap-similar-value = a similar value exists: { $names }
clap-tip-pass-as-value = to pass '{ $value }' as a value, use '{ $with }'
clap-tip-remove-dashes = subcommand '{ $name }' exists; to use it, remove the '--' before it
clap-tip-subcommand-flag = '{ $flag }' exists

## Values on the command line

value-not-a-size = `{ $value }` is not a size (examples: 2048, 512KiB, 10MiB)
value-unknown-unit = unknown size unit `{ $unit }` (use B, KiB, MiB, GiB, KB, MB, GB)
value-too-large = `{ $value }` is too large
value-not-a-percentage = `{ $value }` is not a percentage (examples: 80, 80%, 12.5)
value-not-a-fraction = `{ $value }` is not a number between 0 and 1
value-not-between = `{ $value }` is not between { $low } and { $high }
value-no-path = `{ $value }`: no path after `{ $format }=`
value-unknown-format = unknown format `{ $format }` in `{ $value }` (formats: { $known })
value-empty-path = empty path

## tongban diff

did-you-mean = did you mean `{ $name }`?
diff-no-item = no guide of item `{ $item }` in the inputs
diff-no-region = no guide for region `{ $region }`
diff-no-region-of-item = no guide of that item for region `{ $region }`
diff-regions-present = regions present: { $regions }

## Notes during a run (standard error)

note-wrote = wrote { $path }
note-skipped = note: skipped { $path }: { $reason }
xlsx-to-terminal = xlsx is a binary format: write it to a file with -o FILE (or pipe it)
lint-named-only = note: the cross-region rules (TB3xx) compared only the files given; to compare against the whole catalog, pass --catalog DIR or set `catalog` in tongban.toml
lint-no-files = warning: no guide files (*.yaml, *.yml) found in the paths given: nothing was linted
lint-not-guides = note: skipped { $count } YAML file(s) that are not guides (e.g. { $first }): no top-level item, materials …; list the files to lint under `include` in tongban.toml
lint-fix-stdin = --fix and --diff work on files, not on standard input (`-`); editors get the same fixes as code actions from `tongban server`
lint-stdin-alone = `-` (standard input) cannot be combined with other paths
lint-stdin-filename = --stdin-filename needs `-` as the only path (tongban lint - --stdin-filename PATH)
fix-not-utf8 = not UTF-8; not fixed (convert it first)
fix-did-not-verify = the fixed text did not verify (its data or findings are not what the fixes intended); file left unchanged (please report this)
fix-not-written = not written: { $reason }
fix-link-outside = symbolic link points outside the tree ({ $target }); not fixed
fix-changed-meanwhile = the file changed while it was being fixed
fix-nothing = nothing to fix
fix-fixable = { $fixes } fixable in { $files } { $files ->
        [one] file
       *[other] files
    }; run with --fix to apply
fix-fixed = { $fixes } fixed ({ $files } { $files ->
        [one] file
       *[other] files
    }), { $remaining } remaining
diff-regions-two = --regions takes exactly two region codes (A,B), got { $count }
diff-pairwise-formats = the pairwise view (--regions) prints as table (a unified diff) or json
diff-collision = warning: { $kept } and { $ignored } both describe { $item } in region { $region }; compared only the first
diff-fails-under = error: { $item } has uniformity { $uniformity }, below --fail-under { $threshold }
coverage-no-agreement = no agreement file: give --agreement FILE, or a folder with agreements in an `{ $folder }/` folder (e.g. catalogs)
coverage-no-such-agreement = no such agreement file
coverage-file-errors = error: { $count } { $count ->
        [one] error
       *[other] errors
    } in agreement files; their coverage is not reported
coverage-rule-errors = error: { $count } coverage { $count ->
        [one] finding
       *[other] findings
    } at error severity (raised in tongban.toml)
coverage-fails-under = error: { $agreement } coverage { $coverage } is below --fail-under { $limit }

## Summaries of findings

summary-no-files = ⚠ no guide files found: nothing was linted
summary-clean = ✓ checked { $n } { $files ->
        [one] file
       *[other] files
    }: no findings
summary-findings = ✗ checked { $n } { $files ->
        [one] file
       *[other] files
    }, { $with_findings } with findings: { $e } { $errors ->
        [one] error
       *[other] errors
    }, { $w } { $warnings ->
        [one] warning
       *[other] warnings
    }, { $i } { $infos ->
        [one] info
       *[other] infos
    }
human-more-findings = { $n } { $count ->
        [one] finding
       *[other] findings
    } more in { $file }, one line each (--format json and the other formats give them all in full):
baseline-recorded = baseline: recorded { $n } { $count ->
        [one] finding
       *[other] findings
    }
baseline-matched = baseline: { $m } known { $matched ->
        [one] finding
       *[other] findings
    } not shown; { $f } baseline { $fixed ->
        [one] entry is
       *[other] entries are
    } now fixed (update it with --write-baseline)
statistics-not-guides = skipped { $count } YAML file(s) that are not guides
statistics-top-files = Files with the most findings (top { $count })
junit-failing = { $failing } { $failing ->
        [one] finding
       *[other] findings
    } at or above --fail-on ({ $errors } { $errors ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    })
junit-failing-selected = { $failing } { $failing ->
        [one] finding
       *[other] findings
    } at or above --fail-on or of a code it selects ({ $errors } { $errors ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    }, { $infos } { $infos ->
        [one] info
       *[other] infos
    })
material-head = “{ $material }” → { $count } { $count ->
        [one] requirement
       *[other] requirements
    }
server-omitted = { $omitted } more findings not shown (max-diagnostics = { $max } under [server] in tongban.toml); run tongban lint for all

## The comparison report (tongban diff): titles and summaries; the matrix's per-cell words stay in src/report/diff.rs

diff-summary = { $items } { $items ->
        [one] item
       *[other] items
    } ({ $comparable } with two or more regions counted for uniformity) from { $guides } guides
diff-nothing = no items to compare ({ $guides } guides)
diff-uniformity-note = uniformity = materials required in every region ÷ materials required in at least one region; least uniform first
diff-similar = { $row } ≈ “{ $piece }” ({ $regions }) with “{ $with }”: score { $score }, shared { $shared }; confirm: add { $pair } to overrides.same; reject: add { $pair } to overrides.never_merge
diff-uniformity = { $uniformity } ({ $everywhere }/{ $anywhere } required everywhere)
diff-regions-count = regions ({ $count })
diff-common-core = common core ({ $count })
diff-baseline = national baseline ({ $path }{ $partial }; requires { $required })

## The coverage report (tongban coverage): titles and summaries

coverage-summary = { $agreements } agreements, { $guides } guides read{ $covered }
coverage-nothing = no agreements ({ $guides } guides)
coverage-note = coverage = (item, member) pairs with a published guide ÷ items × members
coverage-mode-conflict = { $item }: { $member } { $guide } has { $found }, agreed { $agreed }
coverage-compared = { $title }: the members' guides compared
coverage-none-published = ✗ none of the { $count } members
coverage-others = ✗ the other { $count } members

## Writing files

write-hard-links = the file has { $links } hard links; replacing it would leave the other names with the old text, so it was not written
write-input = the output file is also an input of this run ({ $input }); it would be overwritten

## Other notes and explanations

not-a-guide-item-name = not a guide: no item.name (事项名称)
not-a-guide-region-code = not a guide: no region.code (行政区划代码)
not-a-guide-materials = not a guide: no materials list (申请材料)
unknown-rule-did-you-mean = did you mean `{ $name }`? `tongban rules` lists every code and name
unknown-rule-list = `tongban rules` lists every code and name
buffer-too-large = over the limit of { $max } bytes; not linted
    .help = raise the limit with --max-file-size if needed
material-item-did-you-mean = note: no entry of the document ontology is limited to item `{ $item }`; did you mean `{ $name }`?
config-unknown-rule = unknown rule `{ $name }` in the configuration
config-docs-url = docs-url must be a repository's http:// or https:// URL (such as https://github.com/ORG/tongban)
fail-on-two-levels = --fail-on takes one level, got `{ $first }` and `{ $second }`
fail-on-invalid = invalid --fail-on selector `{ $value }`: use error, warning or never (a level), a code (TB305), a group (TB3, TB3xx, TB30x) or a rule name (inconsistent-implementing-agency), several separated by commas; `tongban rules` lists every code

## tongban rule CODE

# The English severity is its code already: `code` is read (an empty selector) but not shown.
rule-doc-head = { $summary } · default severity **{ $severity }**{ $code ->
       *[other] {""}
    }
rule-doc-kind = Kind: { $kind }
rule-doc-fix = Fix
rule-doc-fix-safe = safe (`--fix`)
rule-doc-fix-unsafe = unsafe (`--fix --unsafe-fixes`)

## Progress on a terminal (indicatif templates: {spinner} {msg} {human_pos} {human_len} {bar:30} {elapsed})

progress-counting = {"{"}spinner{"}"} {"{"}msg{"}"}: {"{"}human_pos{"}"} files, {"{"}elapsed{"}"}
progress-bar = {"{"}spinner{"}"} {"{"}msg{"}"}: [{"{"}bar:30{"}"}] {"{"}human_pos{"}"}/{"{"}human_len{"}"}, {"{"}elapsed{"}"}
progress-linting = linting
progress-catalog = reading the catalog
progress-reading = reading guides
progress-comparing = comparing regions (TB3xx)
progress-locating = locating cross-region findings
