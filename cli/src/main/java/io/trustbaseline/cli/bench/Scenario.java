package io.trustbaseline.cli.bench;

import java.util.List;

/**
 * One event the benchmark measures: a sample payload replayed through its real entry point on a fresh demo world.
 * A second run first replays the payload once unmeasured, so what is measured is the run that must only read.
 *
 * @param name      what the table calls it
 * @param sample    the payload, relative to events-samples/
 * @param secondRun measure the second delivery of the payload instead of the first
 */
record Scenario(String name, String sample, boolean secondRun) {

    static List<Scenario> all() {
        return List.of(
                new Scenario("AKS cluster created, first run", "azure/eventgrid-aks-created.json", false),
                new Scenario("AKS cluster created, second run", "azure/eventgrid-aks-created.json", true),
                new Scenario("registry created", "azure/cloudevents-acr-created.json", false),
                new Scenario("EKS cluster created, first run", "aws/eventbridge-eks-create-cluster.json", false),
                new Scenario("EKS cluster created, second run", "aws/eventbridge-eks-create-cluster.json", true),
                new Scenario("EKS ticket (SQS)", "aws/sqs-ticket.json", false),
                new Scenario("Azure sweep, first run", "azure/timer-sweep.json", false),
                new Scenario("Azure sweep, second run", "azure/timer-sweep.json", true),
                new Scenario("AWS sweep, first run", "aws/scheduled-event.json", false),
                new Scenario("AWS sweep, second run", "aws/scheduled-event.json", true));
    }
}
