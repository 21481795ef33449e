package mercato.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Problem.FieldError;

/**
 * Validates a request against its OpenAPI operation. The request is read from the routing
 * context (path parameters by name), so a canonical path and its aliases of another depth
 * share one operation. Failures become 400 problems with a pointer to the field.
 */
public final class ContractValidator {
  private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");
  private static final Pattern PARAMETER = Pattern.compile("(query|path|header|cookie) parameter (\\S+)");

  private final OpenAPIContract contract;
  private final RequestValidator validator;

  public ContractValidator(Vertx vertx, OpenAPIContract contract) {
    this.contract = contract;
    this.validator = RequestValidator.create(vertx, contract);
  }

  public OpenAPIContract contract() {
    return contract;
  }

  public boolean knows(String operationId) {
    try {
      return contract.operation(operationId) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Typed path and query values of a valid request, or a failed future with a 400 problem. */
  public Future<ValidatedRequest> validate(RoutingContext ctx, String operationId) {
    Operation operation = contract.operation(operationId);
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter parameter : operation.getParameters()) {
      switch (parameter.getIn()) {
        case PATH -> path.put(parameter.getName(), new RequestParameterImpl(ctx.pathParam(parameter.getName())));
        case QUERY -> query.put(parameter.getName(), queryValue(ctx.queryParams(), parameter));
        case HEADER -> headers.put(parameter.getName(), new RequestParameterImpl(ctx.request().getHeader(parameter.getName())));
        default -> { }
      }
    }
    RequestParameter body = null;
    String contentType = null;
    if (operation.getRequestBody() != null && ctx.body() != null && ctx.body().buffer() != null
        && ctx.body().length() > 0) {
      body = new RequestParameterImpl(ctx.body().buffer());
      contentType = ctx.request().getHeader("Content-Type");
    }
    try {
      return validator.validate(new ValidatableRequestImpl(Map.of(), headers, path, query, body, contentType), operationId)
          .recover(failure -> Future.failedFuture(toProblem(failure)));
    } catch (RuntimeException e) {
      return Future.failedFuture(toProblem(e));
    }
  }

  /** Plain values of a validated parameter map, for the bus envelope. */
  public static JsonObject values(Map<String, RequestParameter> parameters) {
    JsonObject out = new JsonObject();
    parameters.forEach((name, value) -> {
      if (value != null && !value.isEmpty() && !value.isNull()) {
        out.put(name, value.get());
      }
    });
    return out;
  }

  private static RequestParameter queryValue(MultiMap params, Parameter parameter) {
    List<String> values = params.getAll(parameter.getName());
    if (values.isEmpty()) {
      return new RequestParameterImpl(null);
    }
    if (parameter.isExplode() && parameter.getSchemaType() == io.vertx.json.schema.common.dsl.SchemaType.ARRAY) {
      return new RequestParameterImpl(values.stream()
          .map(v -> parameter.getName() + "=" + v).collect(Collectors.joining("&")));
    }
    return new RequestParameterImpl(values.get(0));
  }

  static Problem toProblem(Throwable failure) {
    if (failure instanceof Problem problem) {
      return problem;
    }
    if (!(failure instanceof ValidatorException invalid)) {
      return Problem.validation("The request does not match the contract.", List.of());
    }
    Matcher parameter = PARAMETER.matcher(String.valueOf(invalid.getMessage()));
    String parameterPointer = parameter.find() ? "/" + parameter.group(2) : null;
    List<FieldError> errors = new ArrayList<>();
    if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      OutputUnit unit = schema.getOutputUnit();
      List<OutputUnit> units = unit.getErrors() == null || unit.getErrors().isEmpty() ? List.of(unit) : unit.getErrors();
      // The deepest instance location is the most specific complaint; keep one per field.
      Map<String, String> byPointer = new java.util.LinkedHashMap<>();
      units.stream()
          .sorted((a, b) -> Integer.compare(depth(b), depth(a)))
          .forEach(u -> byPointer.putIfAbsent(pointer(parameterPointer, u.getInstanceLocation(), u.getError()), u.getError()));
      byPointer.forEach((pointer, detail) -> errors.add(new FieldError(pointer, detail)));
    } else {
      errors.add(new FieldError(parameterPointer == null ? "" : parameterPointer, invalid.getMessage()));
    }
    if (invalid.getMessage() != null && invalid.getMessage().contains("request body is missing")) {
      return Problem.validation("The request needs a JSON body.", List.of(new FieldError("", "is required")));
    }
    return Problem.validation("The request does not match the contract.", errors);
  }

  private static int depth(OutputUnit unit) {
    String location = unit.getInstanceLocation();
    return location == null ? 0 : location.split("/").length;
  }

  private static String pointer(String parameterPointer, String instanceLocation, String error) {
    String location = instanceLocation == null ? "" : instanceLocation.replaceFirst("^#", "");
    // A missing required property is reported at its parent: point at the property itself.
    Matcher missing = REQUIRED.matcher(String.valueOf(error));
    if (missing.find()) {
      location = location + "/" + missing.group(1);
    }
    return parameterPointer != null ? parameterPointer + location : location;
  }
}
