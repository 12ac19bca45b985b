package org.crmsuite.localstack.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the demo data sets in order. A set that fails is reported and the others still load: the stack stays up, and
 * {@code crm-local --wipe} starts over with an empty stack.
 */
public final class DemoDataLoader {

    /** The outcome: the sets that loaded and the failures, one line each. */
    public record Result(List<String> loaded, List<String> failed) {
    }

    private final List<DemoData> sets;
    private final PrintStream out;

    public DemoDataLoader(List<DemoData> sets, PrintStream out) {
        this.sets = List.copyOf(sets);
        this.out = out;
    }

    public Result load(DemoApi api) {
        List<String> loaded = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (DemoData set : sets) {
            out.println("  demo data: " + set.description());
            try {
                set.load(api);
                loaded.add(set.description());
            } catch (Exception e) {
                failed.add(set.description() + ": " + e.getMessage());
                out.println("  ! demo data \"" + set.description() + "\" failed: " + e.getMessage());
            }
        }
        return new Result(List.copyOf(loaded), List.copyOf(failed));
    }
}
