package xen2mx.btl.mx.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MxoeLayoutTest
{
    @Test
    void shouldGiveOpenMxDefaultSizesAtMtu9000()
    {
        assertEquals(8192, MxoeLayout.DEFAULT.mediumFragLengthMax(9000));
        assertEquals(8968, MxoeLayout.DEFAULT.pullReplyLengthMax(9000));
        assertEquals(32, MxoeLayout.DEFAULT.pullRepliesPerBlock());
        assertEquals(286_976, MxoeLayout.DEFAULT.pullBlockLengthMax(9000));
        assertEquals(44, MxoeLayout.DEFAULT.pullRequestBodyLength());
        assertEquals(32, MxoeLayout.DEFAULT.mediumFragsPerMessageMax());
        assertEquals(32 * 8192, MxoeLayout.DEFAULT.mediumMessageLengthMax(9000));
    }

    @Test
    void shouldUseTheWholeFrameAtMtu1500()
    {
        assertEquals(1452, MxoeLayout.DEFAULT.mediumFragLengthMax(1500));
        assertEquals(1468, MxoeLayout.DEFAULT.pullReplyLengthMax(1500));
        assertEquals(1500, 16 + 32 + MxoeLayout.DEFAULT.mediumFragLengthMax(1500));
        assertEquals(1500, 16 + 16 + MxoeLayout.DEFAULT.pullReplyLengthMax(1500));
    }

    @Test
    void shouldFollowTheMediumRuleAroundItsThresholds()
    {
        assertEquals(4096, MxoeLayout.DEFAULT.mediumFragLengthMax(4144));
        assertEquals(4096, MxoeLayout.DEFAULT.mediumFragLengthMax(4145));
        assertEquals(4096, MxoeLayout.DEFAULT.mediumFragLengthMax(8239));
        assertEquals(8192, MxoeLayout.DEFAULT.mediumFragLengthMax(8240));
        assertEquals(8192, MxoeLayout.DEFAULT.mediumFragLengthMax(65535));
        assertEquals(MxoeLayout.MIN_MTU - 48, MxoeLayout.DEFAULT.mediumFragLengthMax(MxoeLayout.MIN_MTU));
        assertEquals(65535 - 32, MxoeLayout.DEFAULT.pullReplyLengthMax(65535));
    }

    @Test
    void shouldGiveFixedSizesInTheCompatLayout()
    {
        assertEquals(4096, MxoeLayout.MX_WIRE_COMPAT.mediumFragLengthMax(4144));
        assertEquals(4096, MxoeLayout.MX_WIRE_COMPAT.mediumFragLengthMax(9000));
        assertEquals(4096, MxoeLayout.MX_WIRE_COMPAT.pullReplyLengthMax(9000));
        assertEquals(8, MxoeLayout.MX_WIRE_COMPAT.pullRepliesPerBlock());
        assertEquals(32_768, MxoeLayout.MX_WIRE_COMPAT.pullBlockLengthMax(4144));
        assertEquals(32, MxoeLayout.MX_WIRE_COMPAT.pullRequestBodyLength());
        assertEquals(8, MxoeLayout.MX_WIRE_COMPAT.mediumFragsPerMessageMax());
    }

    @Test
    void shouldRefuseMtusTheLayoutCannotUse()
    {
        assertThrows(IllegalArgumentException.class, () -> MxoeLayout.DEFAULT.mediumFragLengthMax(255));
        assertThrows(IllegalArgumentException.class, () -> MxoeLayout.DEFAULT.pullReplyLengthMax(65536));
        assertThrows(IllegalArgumentException.class, () -> MxoeLayout.MX_WIRE_COMPAT.checkMtu(1500));
        assertThrows(IllegalArgumentException.class, () -> new MxoeFrameEncoder(MxoeLayout.MX_WIRE_COMPAT, 4143));
        assertThrows(IllegalArgumentException.class, () -> new MxoeFrameDecoder(MxoeLayout.DEFAULT, 100));
        assertThrows(IllegalArgumentException.class, () -> new MxoeFrameDecoder(MxoeLayout.DEFAULT, 1500, 0));
        assertThrows(IllegalArgumentException.class, () -> new MxoeFrameDecoder(MxoeLayout.DEFAULT, 1500, 257));
    }
}
