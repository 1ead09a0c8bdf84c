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
