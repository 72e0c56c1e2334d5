package xen2mx.btl.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LongHashMapTest
{
    @Test
    void shouldAgreeWithHashMapUnderRandomInsertsAndRemoves()
    {
        final LongHashMap<Long> map = new LongHashMap<>(8);
        final Map<Long, Long> reference = new HashMap<>();
        final SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 200_000; step++)
        {
            final long key = random.nextInt(2000) * 0x1_0000_0000L + random.nextInt(3);
            if (random.nextBoolean())
            {
                if (!reference.containsKey(key))
                {
                    map.putNew(key, key + 1);
                    reference.put(key, key + 1);
                }
            }
            else
            {
                map.remove(key);
                reference.remove(key);
            }
            final long probe = random.nextInt(2000) * 0x1_0000_0000L + random.nextInt(3);
            assertEquals(reference.get(probe), map.get(probe), "step " + step);
            assertEquals(reference.size(), map.size());
        }
    }
}
