package donna.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module arrows of the design guide (core and backend stand alone, audio sits on core, the app on top) and the
 * MVVM and logging habits. The app's test class path holds every module, so the rules see them all.
 */
@AnalyzeClasses(packages = "donna", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Command-line entry points may print their one line (usage, a URL, a configuration error). */
    private static final DescribedPredicate<JavaClass> COMMAND_LINE_ENTRY = DescribedPredicate.describe(
            "command-line entry points", c -> c.getMethods().stream().anyMatch(
                    m -> m.getName().equals("main") && m.getModifiers().contains(JavaModifier.STATIC)));

    @ArchTest
    static final ArchRule viewModelsDoNotTouchTheSceneGraph = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("view models are tested with plain JUnit, without a Stage");

    @ArchTest
    static final ArchRule nothingPrintsToTheConsole = noClasses().that().resideInAPackage("donna..")
            .and(DescribedPredicate.not(COMMAND_LINE_ENTRY))
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("everything logs through slf4j, where secrets are kept out");

    @ArchTest
    static final ArchRule coreStandsAlone = noClasses().that().resideInAPackage("donna.core..")
            .should().dependOnClassesThat().resideInAnyPackage("donna.app..", "donna.backend..", "donna.audio..",
                    "donna.testkit..", "donna.standins..", "javafx..");

    @ArchTest
    static final ArchRule backendStandsAlone = noClasses().that().resideInAPackage("donna.backend..")
            .should().dependOnClassesThat().resideInAnyPackage("donna.app..", "donna.core..", "donna.audio..",
                    "donna.testkit..", "donna.standins..", "javafx..");

    @ArchTest
    static final ArchRule audioSitsOnCoreOnly = noClasses().that().resideInAPackage("donna.audio..")
            .should().dependOnClassesThat().resideInAnyPackage("donna.app..", "donna.backend..", "donna.testkit..",
                    "donna.standins..");

    @ArchTest
    static final ArchRule testkitFakesOnlyOutsideServices = noClasses().that()
            .resideInAnyPackage("donna.testkit..", "donna.standins..")
            .should().dependOnClassesThat().resideInAnyPackage("donna.app..", "donna.backend..", "donna.audio..",
                    "javafx..");

    @ArchTest
    static final ArchRule standInsNeverNeedTheTestkit = noClasses().that().resideInAPackage("donna.standins..")
            .should().dependOnClassesThat().resideInAPackage("donna.testkit..")
            .because("demo mode ships the stand-ins; the testkit is for tests only");

    @ArchTest
    static final ArchRule appNeverDependsOnTheTestkit = noClasses().that().resideInAPackage("donna.app..")
            .should().dependOnClassesThat().resideInAPackage("donna.testkit..")
            .because("the testkit is for tests only; demo mode runs the stand-ins (donna.standins)");

    @ArchTest
    static final ArchRule onlyDemoModeUsesTheStandIns = noClasses().that().resideInAPackage("donna.app..")
            .and().resideOutsideOfPackage("donna.app.bundled..")
            .should().dependOnClassesThat().resideInAPackage("donna.standins..")
            .because("the app reaches the stand-ins only to run demo mode's fake OpenAI and Google");
}
