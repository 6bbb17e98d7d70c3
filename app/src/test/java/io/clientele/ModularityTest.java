package io.clientele;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTest {
    // the analytics Maven module shares the base package but is a library every feature may use, not a feature
    private final ApplicationModules modules = ApplicationModules.of(
            ClienteleApplication.class, JavaClass.Predicates.resideInAPackage("io.clientele.analytics.."));

    @Test
    void featuresOnlyUseEachOthersPublicTypesAndHaveNoCycles() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
