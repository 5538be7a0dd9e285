package io.xdpguard.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The layering of docs/ARCHITECTURE.md, enforced: view → logic → model, never back; no JavaFX below the view. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            // Not Predefined.DO_NOT_INCLUDE_TESTS: it only knows target/test-classes, and builds use -Dxg.build.dir.
            .withImportOption(location -> !location.contains("/test-classes/")).importPackages("io.xdpguard.console");

    @Test
    void layersOnlyPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("App").definedBy("io.xdpguard.console")
                .layer("View").definedBy("io.xdpguard.console.view..")
                .layer("Logic").definedBy("io.xdpguard.console.mqtt..", "io.xdpguard.console.ingest..",
                        "io.xdpguard.console.store..", "io.xdpguard.console.profile..", "io.xdpguard.console.export..",
                        "io.xdpguard.console.disk..",
                        "io.xdpguard.console.sched..")
                .layer("Model").definedBy("io.xdpguard.console.model..")
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .whereLayer("View").mayOnlyBeAccessedByLayers("App")
                .whereLayer("Logic").mayOnlyBeAccessedByLayers("App", "View", "Logic")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("App", "View", "Logic")
                .check(CLASSES);
    }

    @Test
    void onlyTheViewAndAppTouchJavaFxOrUiLibraries() {
        noClasses().that().resideInAnyPackage("io.xdpguard.console.model..", "io.xdpguard.console.mqtt..",
                        "io.xdpguard.console.ingest..", "io.xdpguard.console.store..", "io.xdpguard.console.profile..",
                        "io.xdpguard.console.export..", "io.xdpguard.console.sched..", "io.xdpguard.console.disk..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "eu.hansolo..", "org.controlsfx..")
                .check(CLASSES);
    }

    @Test
    void onlyTheMqttPackageKnowsTheMqttClient() {
        noClasses().that().resideOutsideOfPackage("io.xdpguard.console.mqtt..")
                .should().dependOnClassesThat().resideInAnyPackage("com.hivemq.client..", "io.netty..").check(CLASSES);
    }

    @Test
    void modelIsPureJava() {
        noClasses().that().resideInAPackage("io.xdpguard.console.model..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.h2..", "java.net..", "java.nio.file..")
                .check(CLASSES);
    }
}
