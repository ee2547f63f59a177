package org.pimaccess.keycloak.it.chromium;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.pimaccess.keycloak.it.pages.Pkce;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (Selenium Manager cannot download
 * one on these machines). One instance is one fresh browser profile.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final String CALLBACK = "http://127.0.0.1:9/callback";

    private final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Why this machine cannot run the browser tests, or null when it can. */
    public static String unavailableBecause() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            return "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)";
        }
        return null;
    }

    public static Chromium start(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--lang=en-US",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofMinutes(2)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
        driver.manage().window().setSize(new Dimension(width, height));
        return new Chromium(driver);
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** Opens the sign-in of this client (authorization code with PKCE), as a relying party sends people. */
    public void openSignIn(URI keycloak, String clientId) {
        openSignIn(keycloak, clientId, null);
    }

    /** As {@link #openSignIn(URI, String)}, asking for {@code acr_values} when not null. */
    public void openSignIn(URI keycloak, String clientId, String acrValues) {
        driver.get(authorization(keycloak, clientId)
                + (acrValues == null ? "" : "&acr_values=" + URLEncoder.encode(acrValues, StandardCharsets.UTF_8)));
    }

    /** Asks Keycloak for an application-initiated action ({@code kc_action}) through this client, as a script could. */
    public void openAction(URI keycloak, String clientId, String kcAction) {
        driver.get(authorization(keycloak, clientId) + "&kc_action=" + URLEncoder.encode(kcAction, StandardCharsets.UTF_8));
    }

    private static String authorization(URI keycloak, String clientId) {
        return keycloak.resolve("/realms/pim/protocol/openid-connect/auth").toString()
                + "?client_id=" + clientId + "&response_type=code&scope=openid&state=s&nonce=n"
                + "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8)
                + "&code_challenge_method=S256&code_challenge=" + Pkce.challenge(Pkce.verifier());
    }

    /**
     * A platform passkey authenticator for this browser (Selenium's virtual authenticator: CTAP2, resident keys,
     * user verification that succeeds), as a laptop's fingerprint reader would be.
     */
    public VirtualAuthenticator addPasskeyAuthenticator() {
        return driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    /** Scripts a question to the page, e.g. about its layout. */
    public Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void pageSource(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, driver.getPageSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
