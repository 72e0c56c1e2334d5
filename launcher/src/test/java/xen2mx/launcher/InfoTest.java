package xen2mx.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfoTest
{
    private static String run(final Map<String, String> env, final String... args)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(0, Info.run(args, env, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReportEverySettingWithItsSourceAsTextAndStableJson()
    {
        final Map<String, String> env = Map.of("X2MX_MCA_btl_tcp_eager_limit", "1000", "MPIEXEC_TIMEOUT", "30",
            "X2MX_MCA_btl", "tcp");
        final String json = run(env, "--json", "--mca", "btl", "self,tcp");
        assertTrue(json.startsWith("{\"version\":\""), json);
        assertTrue(json.contains("\"java\":{\"version\":\"" + Runtime.version() + "\""), json);
        assertTrue(json.contains("{\"name\":\"self\",\"priority\":100,\"runs_here\":true,"), json);
        assertTrue(json.contains("{\"name\":\"MPIEXEC_TIMEOUT\",\"value\":\"30\",\"source\":\"environment\","), json);
        assertTrue(json.contains("{\"name\":\"X2MX_OVERSUBSCRIBE\",\"value\":\"0\",\"source\":\"default\","), json);
        assertTrue(json.contains("{\"name\":\"btl_tcp_eager_limit\",\"value\":\"1000\",\"source\":\"environment\","),
            json);
        assertTrue(json.contains("{\"name\":\"btl\",\"value\":\"self,tcp\",\"source\":\"command line\","), json);
        assertTrue(json.contains("\"name\":\"xen2mx\""), json);
        assertTrue(json.contains("\"name\":\"tcp\""), json);

        final String text = run(env);
        assertTrue(text.contains("BTL modules:\n"), text);
        assertTrue(text.matches("(?s).*\\n  MPIEXEC_TIMEOUT +30 +\\(environment\\) .*"), text);
    }

    @Test
    void shouldEscapeJsonStrings()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("a\"b", List.of("x\\y", "line\nnext\u0001", 3, true));
        m.put("none", null);
        assertEquals("{\"a\\\"b\":[\"x\\\\y\",\"line\\nnext\\u0001\",3,true],\"none\":null}", Json.write(m));
    }
}
