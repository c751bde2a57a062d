package io.licensesatellite.protocol.smartagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Call Home AML envelope")
class AmlEnvelopeTest {

    /** Shaped like the public Call Home samples (protocol-facts A2), with the licensing attachment. */
    private static final String CALL_HOME = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soap-env:Envelope xmlns:soap-env="http://www.w3.org/2003/05/soap-envelope">
            <soap-env:Header>
            <aml-session:Session xmlns:aml-session="http://www.cisco.com/2004/01/aml-session" soap-env:mustUnderstand="true" soap-env:role="http://www.w3.org/2003/05/soap-envelope/role/next">
            <aml-session:To>http://tools.cisco.com/neddce/services/DDCEService</aml-session:To>
            <aml-session:Path>
            <aml-session:Via>http://www.cisco.com/appliance/uri</aml-session:Via>
            </aml-session:Path>
            <aml-session:From>http://www.cisco.com/appliance/uri</aml-session:From>
            <aml-session:MessageId>M8:FOC2233X0AB:5F1A2B3C</aml-session:MessageId>
            </aml-session:Session>
            </soap-env:Header>
            <soap-env:Body>
            <aml-block:Block xmlns:aml-block="http://www.cisco.com/2004/01/aml-block">
            <aml-block:Header>
            <aml-block:Type>http://www.cisco.com/2005/05/callhome/smartlicensing</aml-block:Type>
            <aml-block:CreationDate>2025-01-15 10:00:00 GMT+00:00</aml-block:CreationDate>
            <aml-block:Builder>
            <aml-block:Name>Cat9K</aml-block:Name>
            <aml-block:Version>17.3</aml-block:Version>
            </aml-block:Builder>
            <aml-block:BlockGroup>
            <aml-block:GroupId>G9:FOC2233X0AB:5F1A2B3C</aml-block:GroupId>
            <aml-block:Number>0</aml-block:Number>
            </aml-block:BlockGroup>
            <aml-block:Severity>0</aml-block:Severity>
            </aml-block:Header>
            <aml-block:Attachments>
            <aml-block:Attachment type="inline">
            <aml-block:Name>other</aml-block:Name>
            <aml-block:Data encoding="plain">ignored</aml-block:Data>
            </aml-block:Attachment>
            <aml-block:Attachment type="inline">
            <aml-block:Name>smart_licensing_data</aml-block:Name>
            <aml-block:Data encoding="plain"><![CDATA[{"signature":{"type":"SHA-256","value":"AA=="},"request":"{\\"a\\":1}"}]]></aml-block:Data>
            </aml-block:Attachment>
            </aml-block:Attachments>
            </aml-block:Block>
            </soap-env:Body>
            </soap-env:Envelope>
            """;

    @Test
    void findsTheSmartLicensingAttachmentInACallHomeEnvelope() {
        AmlEnvelope envelope = AmlEnvelope.parse(CALL_HOME.getBytes(StandardCharsets.UTF_8));

        assertThat(envelope.data()).isEqualTo("{\"signature\":{\"type\":\"SHA-256\",\"value\":\"AA==\"},\"request\":\"{\\\"a\\\":1}\"}");
        assertThat(envelope.to()).isEqualTo("http://tools.cisco.com/neddce/services/DDCEService");
        assertThat(envelope.from()).isEqualTo("http://www.cisco.com/appliance/uri");
        assertThat(envelope.via()).isEqualTo("http://www.cisco.com/appliance/uri");
        assertThat(envelope.messageId()).isEqualTo("M8:FOC2233X0AB:5F1A2B3C");
        assertThat(envelope.type()).isEqualTo(AmlEnvelope.SMART_LICENSING_TYPE);
        assertThat(envelope.creationDate()).isEqualTo("2025-01-15 10:00:00 GMT+00:00");
        assertThat(envelope.builderName()).isEqualTo("Cat9K");
    }

    @Test
    void writesWhatItReadsEvenWhenTheDataHoldsMarkupCharacters() {
        String data = "{\"request\":\"<a> & ]]> 'b' \\\"c\\\"\"}";
        AmlEnvelope written = new AmlEnvelope("to", "via", "from", "M1", AmlEnvelope.SMART_LICENSING_TYPE,
                AmlEnvelope.creationDate(DoorFixture.START), "builder", "1", data);

        AmlEnvelope read = AmlEnvelope.parse(written.toXml().getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(written);
        assertThat(read.creationDate()).isEqualTo("2025-01-15 10:00:00 GMT+00:00");
    }

    @Test
    void refusesAnEnvelopeWithoutTheLicensingAttachment() {
        String xml = CALL_HOME.replace("smart_licensing_data", "something_else");

        assertThatThrownBy(() -> AmlEnvelope.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("smart_licensing_data");
    }

    @Test
    void refusesSoap11AndOtherRootElements() {
        String xml = CALL_HOME.replace("http://www.w3.org/2003/05/soap-envelope", "http://schemas.xmlsoap.org/soap/envelope/");

        assertThatThrownBy(() -> AmlEnvelope.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("SOAP 1.2");
    }

    @Test
    void refusesTwoLicensingAttachments() {
        String attachment = CALL_HOME.substring(CALL_HOME.indexOf("<aml-block:Attachment type=\"inline\">\n<aml-block:Name>smart"),
                CALL_HOME.indexOf("</aml-block:Attachments>"));
        String xml = CALL_HOME.replace("</aml-block:Attachments>", attachment + "</aml-block:Attachments>");

        assertThatThrownBy(() -> AmlEnvelope.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("more than one");
    }

    @Test
    void refusesAnInvalidCharacterInADoctypeAsMalformedRatherThanFailingInTheParser() {
        // The JDK's parser looks up the message for this error in a resource bundle under a key it does not have
        // and throws MissingResourceException instead of XMLStreamException (fuzzing found it in the usage file reader).
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE soap-env:Envelope [<!ENTIT\u0019 x \"y\">]>"
                + CALL_HOME.substring(CALL_HOME.indexOf("<soap-env:Envelope"));

        assertThatThrownBy(() -> AmlEnvelope.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("AML envelope: not well-formed XML");
    }
}
