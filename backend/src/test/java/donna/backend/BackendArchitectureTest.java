package donna.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import donna.backend.health.HealthProbe;

/** The service stands alone (design guide: "libraries only") and its feature packages do not tangle. */
@AnalyzeClasses(packages = "donna.backend", importOptions = ImportOption.DoNotIncludeTests.class)
class BackendArchitectureTest {
    @ArchTest
    static final ArchRule no_desktop_code = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("javafx..", "donna.app..", "donna.core..", "donna.audio..", "donna.testkit..",
                    "donna.standins..");

    @ArchTest
    static final ArchRule no_console_printing_outside_main = noClasses().that().doNotHaveFullyQualifiedName(
            Main.class.getName()).and().doNotHaveFullyQualifiedName(HealthProbe.class.getName()) // the image's check
            .should().accessField(System.class, "out").orShould()
            .accessField(System.class, "err").because("logs go through slf4j, where secrets are kept out");

    @ArchTest
    static final ArchRule feature_packages_are_free_of_cycles = slices().matching("donna.backend.(*)..")
            .should().beFreeOfCycles();
}
