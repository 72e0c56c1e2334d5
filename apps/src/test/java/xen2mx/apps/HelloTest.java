package xen2mx.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HelloTest
{
    @Test
    void shouldGreetWithRankSizeAndHost()
    {
        assertEquals("Hello from rank 2 of 4 on node1", Hello.greeting(2, 4, "node1"));
    }
}
