package org.amalgam;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;

class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.amalgam");

    @Test
    void controllersArePackagePrivate() {
        classes()
                .that()
                .areMetaAnnotatedWith(Controller.class)
                .should()
                .bePackagePrivate()
                .because("a controller is reached over HTTP, never called from other code (STYLE.md)")
                .check(CLASSES);
    }

    @Test
    void dependenciesAreInjectedThroughConstructorsNotFields() {
        noFields()
                .should()
                .beAnnotatedWith(Autowired.class)
                .orShould()
                .beAnnotatedWith(Value.class)
                .orShould()
                .beAnnotatedWith("jakarta.inject.Inject")
                .because("constructor injection keeps classes testable without Spring (STYLE.md)")
                .check(CLASSES);
    }

    @Test
    void domainCodeNeverDependsOnWebOrApiCode() {
        noClasses()
                .that()
                .resideInAPackage("org.amalgam..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.amalgam..web..", "org.amalgam..api..")
                .because("the domain is used by the UI, the API and batch code alike")
                .check(CLASSES);
    }
}
