package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where CreateCluster events come from: EventBridge gets "AWS API Call via CloudTrail" events only where a trail
 * records management events, and only in the region of the call. The SAM template can create that trail (a parameter,
 * off when the organisation has one), and region-forwarder.yaml brings every other swept region's events to the home
 * region's bus with the same pattern as the home rule, so no region is left to the sweep alone.
 */
class EventSourceTemplateTest {
    private final JsonNode template;
    private final JsonNode forwarder;

    EventSourceTemplateTest() throws IOException {
        template = new YAMLMapper().readTree(InfraPolicyTest.TEMPLATE.toFile());
        forwarder = new YAMLMapper().readTree(InfraPolicyTest.TEMPLATE.resolveSibling("region-forwarder.yaml").toFile());
    }

    @Test
    void theTrailIsCreatedByDefaultAndCanBeLeftOutWhereTheOrganisationHasOne() {
        JsonNode parameter = template.at("/Parameters/CreateTrail");
        assertEquals("true", parameter.path("Default").asText());
        assertEquals("[\"true\",\"false\"]", parameter.path("AllowedValues").toString());

        JsonNode trail = template.at("/Resources/Trail");
        assertEquals("AWS::CloudTrail::Trail", trail.path("Type").asText());
        assertEquals("CreateTrail", trail.path("Condition").asText());
        assertEquals("CreateTrail", template.at("/Resources/TrailBucket/Condition").asText());
        assertEquals("CreateTrail", template.at("/Resources/TrailBucketPolicy/Condition").asText());
    }

    @Test
    void theTrailRecordsWriteManagementEventsInEveryRegion() {
        JsonNode trail = template.at("/Resources/Trail/Properties");

        assertTrue(trail.path("IsLogging").asBoolean());
        assertTrue(trail.path("IsMultiRegionTrail").asBoolean());
        JsonNode selector = trail.path("EventSelectors").get(0);
        assertTrue(selector.path("IncludeManagementEvents").asBoolean());
        assertTrue(selector.path("ReadWriteType").asText().matches("WriteOnly|All"), selector::toString);
    }

    @Test
    void theForwarderMatchesWhatTheHomeRuleMatchesAndSendsItToTheHomeBusTheStackNames() {
        JsonNode home = template.at("/Resources/CreateClusterRule/Properties/EventPattern");
        JsonNode rule = forwarder.at("/Resources/ForwardCreateCluster/Properties");

        assertEquals(home, rule.path("EventPattern"), "an event forwarded is one the home rule puts on the queue");
        assertEquals("HomeEventBusArn", rule.at("/Targets/0/Arn").asText());
        assertTrue(template.at("/Outputs/HomeEventBusArn/Value").asText().endsWith(":event-bus/default"),
                "the stack names the bus the forwarders' parameter asks for");
        assertTrue(forwarder.at("/Parameters/HomeEventBusArn/AllowedPattern").asText().endsWith("event-bus/default$"));
    }
}
