package xen2mx.pml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import xen2mx.btl.Btl;
import xen2mx.btl.BtlComponent;
import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlException;

class BtlSelectorTest
{
    private static BtlComponent component(final String name, final int priority)
    {
        return new BtlComponent()
        {
            @Override
            public String name()
            {
                return name;
            }

            @Override
            public int priority()
            {
                return priority;
            }

            @Override
            public Btl open(final BtlContext context)
            {
                throw new BtlException("not opened in this test");
            }
        };
    }

    private static final List<BtlComponent> AVAILABLE =
        List.of(component("tcp", 10), component("self", 100), component("xen2mx", 50));

    private static String names(final String parameter)
    {
        return BtlSelector.names(BtlSelector.allowedComponents(parameter, AVAILABLE));
    }

    @Test
    void shouldOfferEveryComponentByPriorityWithoutParameter()
    {
        assertEquals("self,xen2mx,tcp", names(null));
        assertEquals("self,xen2mx,tcp", names(" "));
    }

    @Test
    void shouldIncludeOnlyListedComponents()
    {
        assertEquals("self,tcp", names("tcp,self"));
        assertEquals("tcp", names(" TCP "));
    }

    @Test
    void shouldExcludeComponentsAfterCaret()
    {
        assertEquals("self,tcp", names("^xen2mx"));
        assertEquals("self", names("^xen2mx,tcp"));
    }

    @Test
    void shouldNameAnUnknownComponentAndTheAvailableOnes()
    {
        final BtlException e = assertThrows(BtlException.class, () -> names("self,udp"));
        assertTrue(e.getMessage().contains("'udp'"), e.getMessage());
        assertTrue(e.getMessage().contains("self,xen2mx,tcp"), e.getMessage());
        assertThrows(BtlException.class, () -> names("self,^tcp"));
        assertThrows(BtlException.class, () -> names("self,,tcp"));
    }
}
