package xen2mx.btl;

/**
 * A byte-transfer-layer module, discovered with {@link java.util.ServiceLoader} (Open MPI's
 * {@code mca_btl_base_component_t}). Each process opens at most one {@link Btl} per component.
 */
public interface BtlComponent
{
    /** @return the module name users give to {@code --btl}: {@code self}, {@code tcp}, {@code xen2mx}. */
    String name();

    /** @return selection priority when several modules reach the same peer; higher wins. */
    int priority();

    /**
     * Opens this process's instance of the module.
     *
     * @param context rank, world size, parameters and the shared matching engine.
     * @return the opened module, never null.
     * @throws BtlException when the module cannot run here; the message says what is missing and how to fix it.
     */
    Btl open(BtlContext context);
}
