package xen2mx.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosts and slots of a Slurm allocation, read from {@code SLURM_JOB_NODELIST} (Slurm's compressed host list,
 * e.g. {@code n[1-3,5],gpu[08-10]-ib}) and {@code SLURM_TASKS_PER_NODE} (e.g. {@code 2(x3),1}): what mpirun uses
 * when neither a hostfile nor {@code -H} is given inside an allocation.
 *
 * <p>Host list grammar: comma-separated items at bracket depth 0; an item is text with any number of
 * {@code [ranges]} groups, each range {@code a} or {@code a-b} with the width of {@code a} kept (zero padding), and
 * the item expands to the product of its groups, left group outermost. Stateless.
 */
public final class SlurmAllocation
{
    /** The allocation's nodes, compressed. */
    public static final String NODELIST_ENV = "SLURM_JOB_NODELIST";
    /** Tasks per node, compressed, in nodelist order. */
    public static final String TASKS_PER_NODE_ENV = "SLURM_TASKS_PER_NODE";

    private static final Pattern TASK_COUNT = Pattern.compile("(\\d+)(?:\\(x(\\d+)\\))?");
    private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");
    private static final int MAX_HOSTS = 1 << 20;

    private SlurmAllocation()
    {
    }

    /**
     * @param env mpirun's environment.
     * @return the allocation's hosts with their task counts as slots, or null outside an allocation.
     * @throws UsageException naming the variable and its value when either is malformed or they disagree.
     */
    public static List<HostEntry> hosts(final Map<String, String> env) throws UsageException
    {
        final String nodelist = env.get(NODELIST_ENV);
        if (nodelist == null || nodelist.isBlank())
        {
            return null;
        }
        final List<String> names = expand(nodelist);
        final String tasks = env.get(TASKS_PER_NODE_ENV);
        final List<Integer> counts = tasks == null ? null : taskCounts(tasks);
        if (counts != null && counts.size() != names.size())
        {
            throw new UsageException(TASKS_PER_NODE_ENV + "=" + tasks + " gives " + counts.size() + " counts for the "
                + names.size() + " nodes of " + NODELIST_ENV + "=" + nodelist);
        }
        final List<HostEntry> hosts = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++)
        {
            hosts.add(new HostEntry(names.get(i), counts == null ? 1 : counts.get(i), "Slurm node " + (i + 1)));
        }
        return hosts;
    }

    /**
     * @param list a Slurm host list, e.g. {@code n[1-3,5],m7}.
     * @return the host names in order.
     * @throws UsageException naming the list on unbalanced brackets, an empty item or a bad range.
     */
    public static List<String> expand(final String list) throws UsageException
    {
        final List<String> hosts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.length(); i++)
        {
            final char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            if (depth < 0 || depth > 1)
            {
                throw bad(list, "unbalanced brackets");
            }
            if (c == ',' && depth == 0)
            {
                final String item = list.substring(start, i).strip();
                if (item.isEmpty())
                {
                    throw bad(list, "empty item");
                }
                expandItem(list, item, "", hosts);
                start = i + 1;
            }
        }
        if (depth != 0)
        {
            throw bad(list, "unbalanced brackets");
        }
        return hosts;
    }

    /**
     * @param value {@code SLURM_TASKS_PER_NODE}, e.g. {@code 2(x3),1}.
     * @return one count per node.
     * @throws UsageException naming the variable and value when malformed.
     */
    public static List<Integer> taskCounts(final String value) throws UsageException
    {
        final List<Integer> counts = new ArrayList<>();
        for (final String item : value.split(",", -1))
        {
            final Matcher m = TASK_COUNT.matcher(item.strip());
            if (!m.matches())
            {
                throw new UsageException(TASKS_PER_NODE_ENV + "=" + value + ": '" + item
                    + "' is not N or N(xM)");
            }
            final int n = Integer.parseInt(m.group(1));
            final int times = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            if (n < 1 || times < 1 || counts.size() + times > MAX_HOSTS)
            {
                throw new UsageException(TASKS_PER_NODE_ENV + "=" + value + ": '" + item + "' is out of range");
            }
            for (int i = 0; i < times; i++)
            {
                counts.add(n);
            }
        }
        return counts;
    }

    /** Expands the first bracket group of {@code rest} and recurses on what follows it. */
    private static void expandItem(final String list, final String rest, final String prefix, final List<String> out)
        throws UsageException
    {
        final int open = rest.indexOf('[');
        if (open < 0)
        {
            out.add(prefix + rest);
            return;
        }
        final int close = rest.indexOf(']', open);
        final String head = prefix + rest.substring(0, open);
        final String tail = rest.substring(close + 1);
        for (final String range : rest.substring(open + 1, close).split(",", -1))
        {
            final Matcher m = RANGE.matcher(range.strip());
            if (!m.matches())
            {
                throw bad(list, "'" + range + "' is not N or N-M");
            }
            final int width = m.group(1).length();
            final long from = Long.parseLong(m.group(1));
            final long to = m.group(2) == null ? from : Long.parseLong(m.group(2));
            if (to < from || to - from >= MAX_HOSTS || out.size() + (to - from) >= MAX_HOSTS)
            {
                throw bad(list, "range '" + range + "' is empty or too large");
            }
            for (long n = from; n <= to; n++)
            {
                final String number = String.format("%0" + width + "d", n);
                expandItem(list, tail, head + number, out);
            }
        }
    }

    private static UsageException bad(final String list, final String why)
    {
        return new UsageException(NODELIST_ENV + "=" + list + ": " + why);
    }
}
