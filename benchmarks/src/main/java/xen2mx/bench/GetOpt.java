package xen2mx.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small re-implementation of GNU {@code getopt_long} in the mode the OSU Micro-Benchmarks use it: the short
 * option string starts with {@code "+:"}, so scanning stops at the first non-option argument, and a missing
 * argument is reported as {@link Kind#MISSING_ARGUMENT} instead of being printed by the parser itself.
 *
 * <p>Supported syntax: clusters of flags ({@code -hv}), attached and detached arguments ({@code -m128},
 * {@code -m 128}), long options with {@code =} or a detached argument ({@code --iterations=5},
 * {@code --iterations 5}), unambiguous prefixes of long option names ({@code --iter 5}), and {@code --} to end
 * option processing.
 *
 * <p>Not thread-safe: one instance scans one argument vector once.
 */
public final class GetOpt
{
    /** What {@link #next()} found. */
    public enum Kind
    {
        /** A known option, with its argument if it takes one. */
        OPTION,
        /** An option character or long name that the option string does not contain. */
        UNKNOWN_OPTION,
        /** A known option that requires an argument, at the end of the argument vector. */
        MISSING_ARGUMENT,
        /** No more options; {@link #firstOperandIndex()} tells where the operands start. */
        END
    }

    /**
     * One scanning step.
     *
     * @param kind     what was found
     * @param option   the option character (for a long option, the character it maps to); {@code 0} for an
     *                 unknown long option and for {@link Kind#END}
     * @param argument the option's argument, or {@code null}
     * @param text     the option as the user typed it, e.g. {@code "-q"} or {@code "--foo"}
     */
    public record Result(Kind kind, char option, String argument, String text)
    {
    }

    /**
     * A long option: its name and the short option character it is equivalent to.
     *
     * @param name        the name without the leading {@code --}
     * @param option      the equivalent short option character
     * @param hasArgument whether the option requires an argument
     */
    public record LongOption(String name, char option, boolean hasArgument)
    {
    }

    private final List<String> args;
    private final String shortOptions;
    private final List<LongOption> longOptions;
    private int index;
    private int clusterPosition;

    /**
     * @param args         the argument vector, not including a program name
     * @param shortOptions option characters; a character followed by {@code ':'} requires an argument
     * @param longOptions  long options by name
     */
    public GetOpt(final String[] args, final String shortOptions, final Map<String, Character> longOptions)
    {
        this.args = List.of(Objects.requireNonNull(args, "args"));
        this.shortOptions = Objects.requireNonNull(shortOptions, "shortOptions");
        this.longOptions = new ArrayList<>();
        for (final Map.Entry<String, Character> e : longOptions.entrySet())
        {
            final char c = e.getValue();
            this.longOptions.add(new LongOption(e.getKey(), c, requiresArgument(c)));
        }
    }

    /**
     * Scans the next option.
     *
     * @return the next result; {@link Kind#END} once, and again on every later call
     */
    public Result next()
    {
        if (clusterPosition > 0)
        {
            return nextInCluster();
        }
        if (index >= args.size())
        {
            return end();
        }
        final String arg = args.get(index);
        if ("--".equals(arg))
        {
            index++;
            return end();
        }
        if (!arg.startsWith("-") || "-".equals(arg))
        {
            return end();
        }
        if (arg.startsWith("--"))
        {
            index++;
            return longOption(arg);
        }
        clusterPosition = 1;
        return nextInCluster();
    }

    /**
     * @return the index of the first argument that is not an option; valid after {@link #next()} returned
     *         {@link Kind#END}
     */
    public int firstOperandIndex()
    {
        return index;
    }

    private Result end()
    {
        return new Result(Kind.END, (char)0, null, null);
    }

    private Result nextInCluster()
    {
        final String arg = args.get(index);
        final char c = arg.charAt(clusterPosition);
        clusterPosition++;
        final boolean clusterDone = clusterPosition >= arg.length();
        final String text = "-" + c;
        if (!isOption(c))
        {
            finishClusterIf(clusterDone);
            return new Result(Kind.UNKNOWN_OPTION, c, null, text);
        }
        if (!requiresArgument(c))
        {
            finishClusterIf(clusterDone);
            return new Result(Kind.OPTION, c, null, text);
        }
        if (!clusterDone)
        {
            final String attached = arg.substring(clusterPosition);
            finishClusterIf(true);
            return new Result(Kind.OPTION, c, attached, text);
        }
        finishClusterIf(true);
        if (index >= args.size())
        {
            return new Result(Kind.MISSING_ARGUMENT, c, null, text);
        }
        final String detached = args.get(index);
        index++;
        return new Result(Kind.OPTION, c, detached, text);
    }

    private void finishClusterIf(final boolean done)
    {
        if (done)
        {
            clusterPosition = 0;
            index++;
        }
    }

    private Result longOption(final String arg)
    {
        final String body = arg.substring(2);
        final int eq = body.indexOf('=');
        final String name = eq < 0 ? body : body.substring(0, eq);
        final String inline = eq < 0 ? null : body.substring(eq + 1);
        final LongOption match = findLong(name);
        if (match == null)
        {
            return new Result(Kind.UNKNOWN_OPTION, (char)0, null, "--" + name);
        }
        final String text = "--" + match.name();
        if (!match.hasArgument())
        {
            return inline == null
                ? new Result(Kind.OPTION, match.option(), null, text)
                : new Result(Kind.UNKNOWN_OPTION, match.option(), inline, text);
        }
        if (inline != null)
        {
            return new Result(Kind.OPTION, match.option(), inline, text);
        }
        if (index >= args.size())
        {
            return new Result(Kind.MISSING_ARGUMENT, match.option(), null, text);
        }
        final String detached = args.get(index);
        index++;
        return new Result(Kind.OPTION, match.option(), detached, text);
    }

    private LongOption findLong(final String name)
    {
        if (name.isEmpty())
        {
            return null;
        }
        LongOption prefixMatch = null;
        int prefixMatches = 0;
        for (final LongOption o : longOptions)
        {
            if (o.name().equals(name))
            {
                return o;
            }
            if (o.name().startsWith(name))
            {
                prefixMatch = o;
                prefixMatches++;
            }
        }
        return prefixMatches == 1 ? prefixMatch : null;
    }

    private boolean isOption(final char c)
    {
        return c != ':' && c != '+' && shortOptions.indexOf(c) >= 0;
    }

    private boolean requiresArgument(final char c)
    {
        final int at = shortOptions.indexOf(c);
        return at >= 0 && at + 1 < shortOptions.length() && shortOptions.charAt(at + 1) == ':';
    }
}
