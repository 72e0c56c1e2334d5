package xen2mx.btl.mx;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import xen2mx.btl.BtlConformanceTest;
import xen2mx.btl.BtlWorld;
import xen2mx.btl.mx.backend.BackendProcess;

/**
 * The BTL contract over {@code xen2mx} in paravirtual mode: one real backend process without a NIC, and every rank of
 * every world (up to 4) a guest attached to it through the production path ({@code btl_xen2mx_mode paravirt},
 * {@code btl_xen2mx_backend}), so every message between ranks is a co-located delivery inside the backend. No root
 * needed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MxBtlParavirtualConformanceTest extends BtlConformanceTest
{
    private BackendProcess backend;

    @BeforeAll
    void startBackend()
    {
        backend = BackendProcess.start();
    }

    @AfterAll
    void stopBackend()
    {
        if (backend != null)
        {
            backend.close();
        }
    }

    @Override
    protected int maxWorldSize()
    {
        return 4;
    }

    @Override
    protected BtlWorld openWorld(final int size)
    {
        return BtlWorld.open(new MxBtlComponent(), size, "mx-pv-conformance", Map.of(MxBtl.MODE_PARAM,
            MxBtl.MODE_PARAVIRT, MxBtl.BACKEND_PARAM, backend.socket().toString(), MxBtl.RESEND_DELAY_PARAM, "20",
            MxBtl.RESENDS_MAX_PARAM, "25"));
    }
}
