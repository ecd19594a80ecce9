# Sourced by the bench scripts: compiles the modules the benchmarks need through the reactor
# (-am: workflows, activities, worker, starter, local, main and test classes) and sets BENCH_CP to
# their class directories plus the dependency jars. Nothing is installed into ~/.m2: the reactor
# resolves the sibling modules to their target/classes.
./mvnw -B -q -pl local -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
BENCH_CP="local/target/test-classes:local/target/classes:$(cat local/target/bench.classpath)"
export BENCH_CP
