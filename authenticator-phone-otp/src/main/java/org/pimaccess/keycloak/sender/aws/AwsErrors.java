package org.pimaccess.keycloak.sender.aws;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

import org.pimaccess.keycloak.sender.PhoneMessageSendException;
import org.pimaccess.keycloak.sender.PhoneMessageSendException.Reason;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns what AWS answered into one of the reasons a user and an operator can act on. */
final class AwsErrors {

    private AwsErrors() {
    }

    /**
     * @param operation for the log, for example {@code SNS Publish}
     * @param detail    a service-specific reason the exception's message lacks, or null
     */
    static PhoneMessageSendException classify(String operation, SdkException e, String detail) {
        Reason reason = reasonOf(e, detail);
        String code = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")"
                : e.getClass().getSimpleName();
        String what = operation + " failed: " + code + (detail == null ? "" : ", " + detail);
        return mayHaveBeenDelivered(e)
                ? PhoneMessageSendException.afterSending(reason, what, e)
                : new PhoneMessageSendException(reason, what, e);
    }

    /** A 5xx answer, or no answer in time on a connection that was open: the request went out. */
    private static boolean mayHaveBeenDelivered(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.statusCode() >= 500;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return false;
            }
        }
        return isTimeout(e);
    }

    private static Reason reasonOf(SdkException e, String detail) {
        if (isTimeout(e)) {
            return Reason.TIMEOUT;
        }
        if (!(e instanceof AwsServiceException service)) {
            return Reason.UNAVAILABLE;
        }
        String code = service.awsErrorDetails() == null ? "" : String.valueOf(service.awsErrorDetails().errorCode());
        String text = (code + " " + service.getMessage() + " " + (detail == null ? "" : detail))
                .toLowerCase(Locale.ROOT).replace("_", " ");
        if (service.isThrottlingException() || service.statusCode() == 429 || text.contains("throttl")
                || text.contains("rate exceeded")) {
            return Reason.THROTTLED;
        }
        if (text.contains("opted out") || text.contains("optedout")) {
            return Reason.OPTED_OUT;
        }
        if (text.contains("spend limit")) {
            return Reason.SPEND_LIMIT;
        }
        if (service.statusCode() < 500 && (text.contains("phonenumber") || text.contains("phone number"))) {
            return Reason.INVALID_NUMBER;
        }
        return Reason.UNAVAILABLE;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
