package donna.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "donna", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule viewModelsDoNotTouchTheSceneGraph = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("view models are tested with plain JUnit, without a Stage");

    @ArchTest
    static final ArchRule nothingPrintsToTheConsole = noClasses().that().resideInAPackage("donna..")
            // Command-line entry points may print their one line (usage, a configuration error) before logging exists.
            .and().doNotHaveSimpleName("Main")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("everything logs through slf4j");

    @ArchTest
    static final ArchRule coreAndBackendStayFreeOfJavaFx = noClasses()
            .that().resideInAnyPackage("donna.core..", "donna.backend..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");
}
