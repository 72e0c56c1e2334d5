package xen2mx.launcher;

/** Which stream of a rank a line came from; the label is Open MPI's {@code --tag-output} spelling. */
public enum OutputKind
{
    /** Standard output. */
    STDOUT("<stdout>"),
    /** Standard error. */
    STDERR("<stderr>");

    private final String label;

    OutputKind(final String label)
    {
        this.label = label;
    }

    /** @return {@code <stdout>} or {@code <stderr>}. */
    public String label()
    {
        return label;
    }
}
