package org.crmsuite.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/kpis.md documents every KPI the API serves, with the formula and feeding events the code uses. */
class KpiDocumentationTest {

    @Test
    void everyKpiIsDocumentedWithItsFormulaEventsAndDimensions() throws IOException {
        String docs = Files.readString(Path.of("docs/kpis.md"));
        for (KpiDefinition definition : KpiCatalog.all()) {
            assertThat(docs).as(definition.name()).contains("`" + definition.name() + "`").contains(definition.formula());
            definition.feedingEvents().forEach(event -> assertThat(docs).as(definition.name()).contains("`" + event + "`"));
            definition.dimensions().forEach(dimension -> assertThat(docs).as(definition.name()).contains("`" + dimension.param() + "`"));
        }
    }
}
