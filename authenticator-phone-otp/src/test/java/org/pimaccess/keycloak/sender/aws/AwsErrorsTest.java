package org.pimaccess.keycloak.sender.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pimaccess.keycloak.sender.PhoneMessageSendException.Reason;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

class AwsErrorsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "Throttling, 400, Rate exceeded, -, THROTTLED",
            "ThrottlingException, 400, slow down, -, THROTTLED",
            "ConflictException, 409, Conflict, DESTINATION_PHONE_NUMBER_OPTED_OUT, OPTED_OUT",
            "ServiceQuotaExceededException, 402, Quota, MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT, SPEND_LIMIT",
            "InvalidParameter, 400, 'Invalid parameter: PhoneNumber Reason: +1 is not valid', -, INVALID_NUMBER",
            "InternalError, 500, internal, -, UNAVAILABLE",
            "AccessDenied, 403, not allowed, -, UNAVAILABLE"
    })
    void serviceAnswersMapToReasons(String code, int status, String message, String detail, Reason reason) {
        AwsServiceException e = AwsServiceException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();

        assertThat(AwsErrors.classify("test", e, detail).reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource({"5000"})
    void aCallOverItsTimeoutIsATimeout(int millis) {
        ApiCallTimeoutException e = ApiCallTimeoutException.create(millis);

        assertThat(AwsErrors.classify("test", e, null).reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(AwsErrors.classify("test", e, null).getMessage()).doesNotContain("+1");
    }
}
