package donna.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestOptions {

    @Test
    void the_maven_qualifier_is_not_part_of_the_installer_version() {
        assertThat(Options.numericVersion("0.1.0-SNAPSHOT")).isEqualTo("0.1.0");
        assertThat(Options.numericVersion("2.3.4")).isEqualTo("2.3.4");
        assertThatThrownBy(() -> Options.numericVersion("next")).hasMessageContaining("not like 1.2.3");
    }

    @Test
    void an_empty_types_value_means_this_os_installers_and_the_app_image_always_comes_first() {
        Options options = Options.parse(List.of("--jars=j", "--main-jar=donna-app.jar", "--version=1.2.0",
                "--icons=i", "--templates=t", "--out=o", "--types=", "--deb-compression=none"));
        assertThat(options.types()).startsWith("app-image")
                .containsAll(TargetOs.current().installerTypes());
        assertThat(options.debCompression()).isEqualTo("none");

        assertThat(Options.parse(List.of("--jars=j", "--main-jar=m", "--version=1.2.0", "--icons=i", "--templates=t",
                "--out=o", "--types=deb")).types()).containsExactly("app-image", "deb");
    }

    @Test
    void a_missing_option_is_named() {
        assertThatThrownBy(() -> Options.parse(List.of("--jars=j", "--version=1.0.0", "--icons=i", "--templates=t",
                "--out=o"))).isInstanceOf(IllegalArgumentException.class).hasMessage("--main-jar is required");
        assertThatThrownBy(() -> Options.parse(List.of("--jars", "j"))).hasMessageContaining("--option=value");
    }
}
