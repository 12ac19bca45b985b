package org.crmsuite.sales.pipeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A sales pipeline: ordered stages and their rules. Entering a stage requires its own fields and those of every earlier
 * stage, so skipping from qualification to negotiation still needs what proposal needs. Entering the lost stage needs
 * only a reason (checked by the opportunity).
 */
public record Pipeline(UUID id, String name, boolean isDefault, List<PipelineStage> stages) {

    public Pipeline {
        stages = List.copyOf(stages);
    }

    public Optional<PipelineStage> stage(String code) {
        return stages.stream().filter(stage -> stage.code().equals(code)).findFirst();
    }

    /** The first open stage: where a new opportunity starts unless told otherwise. */
    public PipelineStage firstStage() {
        return stages.stream().filter(stage -> stage.outcome() == StageOutcome.OPEN).findFirst().orElseThrow();
    }

    /** The fields that are required to enter {@code target} and are not in {@code filled}, in stage order. */
    public List<String> missingToEnter(PipelineStage target, Set<String> filled) {
        Set<String> required = new LinkedHashSet<>();
        if (target.outcome() == StageOutcome.LOST) {
            required.addAll(target.requiredFields());
        } else {
            stages.stream()
                    .filter(stage -> stage.outcome() != StageOutcome.LOST && stage.position() <= target.position())
                    .forEach(stage -> required.addAll(stage.requiredFields()));
        }
        return required.stream().filter(field -> !filled.contains(field)).toList();
    }
}
