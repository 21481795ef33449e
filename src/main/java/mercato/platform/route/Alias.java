package mercato.platform.route;

import java.util.Map;

/**
 * Another path for the same operation. {@code forced} body fields are set by the edge
 * (for example {@code type: company} on {@code /company/register}), overriding the client.
 */
public record Alias(String method, String path, Map<String, String> forced) {}
