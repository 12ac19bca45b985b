package org.crmsuite.sales.pipeline;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sales/pipelines")
@Tag(name = "Pipelines", description = "Sales stages, their default probabilities and what must be filled to enter each")
class PipelineResource {

    private final Pipelines pipelines;

    PipelineResource(Pipelines pipelines) {
        this.pipelines = pipelines;
    }

    @GetMapping
    @Operation(summary = "Every pipeline with its stages", description = "The default pipeline comes first. requiredFields names what an "
            + "opportunity must have to enter the stage; entering a stage also requires the fields of every earlier stage.")
    List<PipelineView> all() {
        return pipelines.all().stream().map(PipelineView::of).toList();
    }

    record PipelineView(UUID id, String name, boolean isDefault, List<PipelineStage> stages) {
        static PipelineView of(Pipeline pipeline) {
            return new PipelineView(pipeline.id(), pipeline.name(), pipeline.isDefault(), pipeline.stages());
        }
    }
}
