package org.dialogs.bench;

import java.util.Arrays;

/**
 * Runs one benchmark: {@code java -jar benchmarks/target/dialogs-benchmarks.jar writer [--events=1000000]}.
 * See docs/benchmarks.md.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "" : args[0];
        String[] options = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (which) {
            case "writer" -> WriterBenchmark.run(BenchmarkOptions.parse(options));
            case "detector" -> DetectorBenchmark.run(BenchmarkOptions.parse(options));
            case "flood" -> FloodBenchmark.run(BenchmarkOptions.parse(options));
            case "floor" -> FloorBenchmark.run(BenchmarkOptions.parse(options));
            default -> {
                System.err.println("usage: java -jar dialogs-benchmarks.jar writer|detector|flood|floor [--name=value ...]");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
