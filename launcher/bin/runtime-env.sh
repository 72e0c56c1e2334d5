# Sourced by mpirun and mpijavac: sets X2MX_ROOT (repository), X2MX_LIB (runtime jars) and X2MX_JAVA,
# building the runtime first when it is missing. Not meant to be run on its own.

x2mx_script=$(readlink -f -- "$0")
X2MX_ROOT=$(cd -- "$(dirname -- "$x2mx_script")/../.." && pwd)
X2MX_LIB="$X2MX_ROOT/launcher/target/runtime/lib"

if ! ls "$X2MX_LIB"/launcher-*.jar >/dev/null 2>&1; then
    echo "$(basename -- "$0"): runtime not built yet; running 'mvn -B -q -Dstyle.color=never -DskipTests package' in $X2MX_ROOT (first use only)" >&2
    (cd -- "$X2MX_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package) >&2 || {
        echo "$(basename -- "$0"): building the runtime failed; see the Maven output above" >&2
        exit 1
    }
fi

if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    X2MX_JAVA="$JAVA_HOME/bin/java"
    X2MX_JAVAC="$JAVA_HOME/bin/javac"
else
    X2MX_JAVA=java
    X2MX_JAVAC=javac
fi
