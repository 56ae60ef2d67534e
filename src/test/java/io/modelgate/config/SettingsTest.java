package io.modelgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which value of a setting wins: defaults &lt; --config file &lt; environment &lt; command-line flags. */
class SettingsTest {
    private static final String BATCH = Settings.SCAN_BATCH_SIZE;

    @TempDir
    Path dir;

    private Path config(String... lines) throws IOException {
        return Files.writeString(dir.resolve("modelgate.properties"), String.join("\n", lines) + "\n");
    }

    private static Map<String, String> environment(String key, String value) {
        return Map.of(Settings.environmentName(key), value);
    }

    @Test
    void withNothingGivenTheDefaultsOfTheJarApply() {
        Settings settings = Settings.resolve(null, Map.of(), Map.of());

        assertThat(settings.getInt(BATCH)).isEqualTo(200);
        assertThat(settings.getInt(Settings.SCAN_OVERLAP_SECONDS)).isEqualTo(300);
        assertThat(settings.getList(Settings.EVAL_GATE_FAMILIES)).containsExactly("ode", "biophysical", "mechanistic");
        assertThat(settings.usesEmbeddedDatabase()).isTrue();
    }

    @Test
    void theConfigFileOverridesTheDefaultsAndLeavesTheOthersAlone() throws IOException {
        Settings settings = Settings.resolve(config(BATCH + "=50"), Map.of(), Map.of());

        assertThat(settings.getInt(BATCH)).isEqualTo(50);
        assertThat(settings.getInt(Settings.SCAN_WORKERS)).isEqualTo(2);
    }

    @Test
    void theEnvironmentOverridesTheConfigFile() throws IOException {
        Settings settings = Settings.resolve(config(BATCH + "=50"), environment(BATCH, "70"), Map.of());

        assertThat(settings.getInt(BATCH)).isEqualTo(70);
    }

    @Test
    void theEnvironmentOverridesTheDefaultsWithoutAConfigFile() {
        Settings settings = Settings.resolve(null, environment(Settings.DB_URL, "jdbc:postgresql://db:5432/atlas"),
                Map.of());

        assertThat(settings.get(Settings.DB_URL)).isEqualTo("jdbc:postgresql://db:5432/atlas");
        assertThat(settings.usesEmbeddedDatabase()).isFalse();
    }

    @Test
    void aFlagOverridesTheEnvironmentTheConfigFileAndTheDefaults() throws IOException {
        Settings settings = Settings.resolve(config(BATCH + "=50"), environment(BATCH, "70"), Map.of(BATCH, "90"));

        assertThat(settings.getInt(BATCH)).isEqualTo(90);
    }

    @Test
    void aFlagThatWasNotGivenLeavesTheValueBelowIt() throws IOException {
        Map<String, String> flags = new HashMap<>();
        flags.put(BATCH, null);

        Settings settings = Settings.resolve(config(BATCH + "=50"), environment(BATCH, "70"), flags);

        assertThat(settings.getInt(BATCH)).isEqualTo(70);
    }

    @Test
    void theEnvironmentNameOfAKeyIsUpperCaseWithUnderscores() {
        assertThat(Settings.environmentName(Settings.DB_URL)).isEqualTo("MODELGATE_DB_URL");
        assertThat(Settings.environmentName(BATCH)).isEqualTo("MODELGATE_SCAN_BATCH_SIZE");
    }

    @Test
    void anEnvironmentVariableUnderAnotherNameIsNotRead() {
        Settings settings = Settings.resolve(null, Map.of("modelgate.scan.batch-size", "70", "SCAN_BATCH_SIZE", "80"),
                Map.of());

        assertThat(settings.getInt(BATCH)).isEqualTo(200);
    }

    @Test
    void aBadValueIsRefusedWhereverItComesFrom() throws IOException {
        Path file = config(BATCH + "=0");

        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(BATCH + " must be greater than 0, got 0");
        assertThatThrownBy(() -> Settings.resolve(null, environment(BATCH, "many"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(BATCH + " must be a whole number, got 'many'");
        // a flag that corrects the file's value wins before the check
        assertThat(Settings.resolve(file, Map.of(), Map.of(BATCH, "10")).getInt(BATCH)).isEqualTo(10);
    }

    @Test
    void aConfigFileThatIsNotThereIsRefused() {
        Path missing = dir.resolve("absent.properties");

        assertThatThrownBy(() -> Settings.resolve(missing, Map.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("config file " + missing + " does not exist");
    }

    @Test
    void thePasswordIsNotAmongThePropertiesCamelSees() {
        Settings settings = Settings.resolve(null, environment(Settings.DB_PASSWORD, "s3cr3t"), Map.of());

        assertThat(settings.get(Settings.DB_PASSWORD)).isEqualTo("s3cr3t");
        assertThat(settings.asProperties()).doesNotContainKey(Settings.DB_PASSWORD)
                .containsEntry(BATCH, "200");
    }
}
