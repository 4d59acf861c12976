package org.dialogs.local;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar local-stack/target/dialogs-local.jar [--data-dir=data]}: runs the whole system until Ctrl-C. */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStackOptions options = LocalStackOptions.parse(args, System.getenv());
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.err.println("\ndialogs did not start: " + e.getMessage()
                    + "\n(is another copy running, or are its ports taken? see --kafka-port, --postgres-port,"
                    + " --gateway-port, --writer-port, --detector-port)");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping dialogs...");
            stack.close();
            stopped.countDown();
        }, "dialogs-shutdown"));
        System.out.printf("""

                dialogs is running
                  api-gateway     %s   (REST API; health at /actuator/health)
                  message-writer  %s/actuator/health
                  spam-detector   %s/ops/   (user "operator", password in %s)
                  Kafka           %s
                  PostgreSQL      %s
                  schema registry %s
                  data folder     %s
                Press Ctrl-C to stop.
                %n""", stack.url("api-gateway"), stack.url("message-writer"), stack.url("spam-detector"),
                stack.operatorPasswordSource(), stack.bootstrapServers(), stack.jdbcUrl(),
                stack.schemaRegistryUrl() == null ? "off (--schema-registry=embedded to start one)"
                        : stack.schemaRegistryUrl(),
                options.dataDir().toAbsolutePath());
        stopped.await();
    }
}
