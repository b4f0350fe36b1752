# fish completion for ldfi: commands, options, the values of enumerated options, and files
# (.ded specs, .json manifests and counterexamples, directories for output directories).
# Installed as share/fish/vendor_completions.d/ldfi.fish. tests/package/cli_docs_test.sh checks
# it names every option `ldfi COMMAND --help` lists.

set -l commands run check suite replay sweep junit explain
complete -c ldfi -f
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'print the help and exit'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'print the version and exit'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -s v -l verbose -d 'log what the check is doing (repeat for more)'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -l log-level -x -a 'trace debug info warn error off' -d 'log level'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -l log-file -r -F -d 'write the log into FILE'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -s q -l quiet -d 'no progress and no warnings on stderr'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -a run -d 'simulate a spec once, under exactly the faults given'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -a check -d 'search for faults that break the invariant, or certify the bound'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -a suite -d 'run every check of a manifest against the expected verdicts'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -a replay -d 're-run the run a counterexample file records'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -a sweep -d 'check a grid of bounds and print the frontier'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -a junit -d 'work with JUnit XML files (merge)'
complete -c ldfi -n "not __fish_seen_subcommand_from $commands" -a explain -d 'why a tuple holds in a run, or why not'

# Options of every command.
complete -c ldfi -n "__fish_seen_subcommand_from $commands" -s h -l help -d 'print the help and exit'

# run and check: specs, bounds, limits, format.
set -l rc '__fish_seen_subcommand_from run check'
complete -c ldfi -n $rc -k -a '(__fish_complete_suffix .ded)'
complete -c ldfi -n $rc -s N -l nodes -x -d 'the nodes, comma-separated (a,b,c)'
complete -c ldfi -n $rc -s t -l eot -l EOT -x -d 'logical end of time: time runs 1..EOT'
complete -c ldfi -n $rc -s f -l eff -l EFF -x -d 'end of finite failures: omissions only before EFF'
complete -c ldfi -n $rc -l max-tuples -x -d 'stop (exit 3) when a run holds more tuples'
complete -c ldfi -n $rc -l max-work -x -d 'stop (exit 3) when one simulation does more join work'
complete -c ldfi -n "__fish_seen_subcommand_from run check suite sweep" -l max-memory -x -d 'stop (exit 3) beyond this many MiB'
complete -c ldfi -n "__fish_seen_subcommand_from run check replay sweep explain" -l format -x -a 'text json' -d 'output format'
complete -c ldfi -n "__fish_seen_subcommand_from run replay" -l show -x -d 'print only these relations (comma-separated)'
complete -c ldfi -n "__fish_seen_subcommand_from run check suite sweep" -l timeout -x -d 'stop after this many seconds'

# run
complete -c ldfi -n '__fish_seen_subcommand_from run explain' -l crash -x -d 'crash NODE at time T: NODE@T'
complete -c ldfi -n '__fish_seen_subcommand_from run explain' -l omit -x -d "lose FROM's messages to TO sent at T: 'FROM->TO@T'"

# check
set -l c '__fish_seen_subcommand_from check'
complete -c ldfi -n $c -s c -l crashes -x -d 'at most this many nodes crash'
complete -c ldfi -n $c -l oracle -x -a 'implies molly' -d 'how a run is judged'
complete -c ldfi -n $c -l strategy -x -a 'auto symbolic ldfi random exhaustive' -d 'search strategy'
complete -c ldfi -n $c -l max-ground -x -d 'the most ground rule instances the symbolic engine takes'
complete -c ldfi -n $c -l all -d 'collect every minimal counterexample'
complete -c ldfi -n "__fish_seen_subcommand_from check suite sweep" -s j -l jobs -x -d 'parallel runs (check), checks (suite) or points (sweep)'
complete -c ldfi -n $c -l max-runs -x -d 'stop after this many executions'
complete -c ldfi -n $c -l seed -x -d 'seed of --strategy random'
complete -c ldfi -n $c -l dump-smt -x -a '(__fish_complete_directories)' -d 'write every solver query as SMT-LIB 2 into DIR'
complete -c ldfi -n "__fish_seen_subcommand_from check suite sweep" -l no-timing -d 'leave the timing out'
complete -c ldfi -n $c -l strict -d 'treat the warnings that make a check pass by mistake as errors'
complete -c ldfi -n "__fish_seen_subcommand_from check suite" -l junit -r -F -d 'also write JUnit XML into FILE'
complete -c ldfi -n $c -l report -x -a '(__fish_complete_directories)' -d 'write an HTML report into DIR'
complete -c ldfi -n $c -l lineage -x -a '(__fish_complete_directories)' -d 'write the lineage of each run into DIR'

# suite and replay: a JSON file.
complete -c ldfi -n '__fish_seen_subcommand_from suite replay' -k -a '(__fish_complete_suffix .json)'
complete -c ldfi -n '__fish_seen_subcommand_from replay' -l force -d 'replay even when the spec text changed'

# suite and sweep: a shard of the work; suite: recorded costs.
complete -c ldfi -n '__fish_seen_subcommand_from suite sweep' -l shard -x -d 'run only shard K of N (K/N)'
complete -c ldfi -n '__fish_seen_subcommand_from suite' -l record-costs -r -F -d 'write the manifest with measured costs into FILE'

# sweep: specs (or, with --merge, sweep JSON files) and the grid.
set -l sw '__fish_seen_subcommand_from sweep'
complete -c ldfi -n $sw -k -a '(__fish_complete_suffix .ded)'
complete -c ldfi -n $sw -s N -l nodes -x -d 'the nodes, comma-separated (a,b,c)'
complete -c ldfi -n $sw -s t -l eot -x -d 'the EOTs: N or a range A..B'
complete -c ldfi -n $sw -s f -l eff -x -d 'the EFF: N, a range A..B, eot or eot-K'
complete -c ldfi -n $sw -s c -l crashes -x -d 'the crash bounds: N or a range A..B'
complete -c ldfi -n $sw -l oracle -x -a 'implies molly' -d 'how a run is judged'
complete -c ldfi -n $sw -l strategy -x -a 'auto symbolic ldfi random exhaustive' -d 'search strategy'
complete -c ldfi -n $sw -l svg -r -F -d 'also draw the grid as SVG into FILE'
complete -c ldfi -n $sw -l merge -d "join the JSON of a sharded sweep's parts"

# junit merge: JUnit files.
complete -c ldfi -n '__fish_seen_subcommand_from junit; and not __fish_seen_subcommand_from merge' -a merge -d 'join JUnit files into one (the shards of a suite)'
set -l jm '__fish_seen_subcommand_from junit; and __fish_seen_subcommand_from merge'
complete -c ldfi -n $jm -k -a '(__fish_complete_suffix .xml)'
complete -c ldfi -n $jm -s o -l output -r -F -d 'write the merged file into FILE'
# explain: a spec or a counterexample file, then the query.
set -l e '__fish_seen_subcommand_from explain'
complete -c ldfi -n $e -k -a '(__fish_complete_suffix .ded)'
complete -c ldfi -n $e -k -a '(__fish_complete_suffix .json)'
complete -c ldfi -n $e -s N -l nodes -x -d 'the nodes, comma-separated (a,b,c)'
complete -c ldfi -n $e -s t -l eot -l EOT -x -d 'logical end of time: time runs 1..EOT'
complete -c ldfi -n $e -s f -l eff -l EFF -x -d 'end of finite failures: omissions only before EFF'
complete -c ldfi -n $e -l depth -x -d 'expand the derivation tree this many levels deep (0: no limit)'
complete -c ldfi -n $e -l max-entries -x -d 'expand at most this many derivations and tuples'
complete -c ldfi -n $e -l force -d 'explain a counterexample file even when the spec text changed'
