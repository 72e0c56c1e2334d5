package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every JSON document the benchmarks write must satisfy the checked-in schema, and the schema must reject junk. */
class ResultJsonSchemaTest
{
    private static final Path SCHEMA = Path.of("schema/result.schema.json");
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException
    {
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Files.readString(SCHEMA, StandardCharsets.UTF_8), InputFormat.JSON);
    }

    private static List<Error> validate(final String json)
    {
        return schema.validate(json, InputFormat.JSON, context -> context.executionConfig(c -> c.formatAssertionsEnabled(true)));
    }

    @Test
    void shouldValidateLatencyRunWithNullStatisticsAndValidation()
    {
        assertEquals(List.of(), validate(ResultJson.write(ResultFixtures.latency())));
    }

    @Test
    void shouldValidateMessageRateRun()
    {
        assertEquals(List.of(), validate(ResultJson.write(ResultFixtures.messageRate())));
    }

    @Test
    void shouldValidateCheckedInResultsOfRealRuns() throws IOException
    {
        for (final String name : List.of("osu_latency-tcp.json", "osu_bw-tcp.json"))
        {
            try (InputStream in = getClass().getResourceAsStream(name))
            {
                final String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(List.of(), validate(json), name);
            }
        }
    }

    @Test
    void shouldRejectMissingUnitWrongTypesAndUnknownMembers()
    {
        final String good = ResultJson.write(ResultFixtures.latency());
        assertFalse(validate(good.replace("\"unit\": \"us\",", "")).isEmpty());
        assertFalse(validate(good.replace("\"iterations\": 3", "\"iterations\": \"3\"")).isEmpty());
        assertFalse(validate(good.replace("\"size\": 8,", "\"size\": 8, \"colour\": 1,")).isEmpty());
        assertFalse(validate(good.replace("\"validation\": \"Pass\"", "\"validation\": \"ok\"")).isEmpty());
        assertTrue(validate(good.replace("\"git_commit\": \"0123456789abcdef0123456789abcdef01234567\"",
            "\"git_commit\": null")).isEmpty());
    }
}
