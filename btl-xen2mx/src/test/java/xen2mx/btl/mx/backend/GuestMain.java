package xen2mx.btl.mx.backend;

import java.nio.file.Path;

import xen2mx.btl.mx.frontend.FrontendDriver;
import xen2mx.btl.mx.lib.Mx;
import xen2mx.btl.mx.lib.MxEndpoint;

/**
 * A guest process for crash tests: attaches to the backend on {@code args[0]}, opens an MX endpoint with key
 * {@code args[1]}, prints {@code guest NIC ENDPOINT} and progresses until it is killed.
 */
public final class GuestMain
{
    private GuestMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final FrontendDriver driver = FrontendDriver.attach(Path.of(args[0]));
        final MxEndpoint endpoint = MxEndpoint.open(driver, 0, Mx.ANY_ENDPOINT, Integer.parseInt(args[1]));
        System.out.println("guest " + Long.toHexString(endpoint.nicId()) + " " + endpoint.endpointId());
        System.out.flush();
        while (true)
        {
            endpoint.progress();
            Thread.sleep(1);
        }
    }
}
