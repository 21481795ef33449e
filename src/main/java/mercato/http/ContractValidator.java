package mercato.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Problem.FieldError;

/**
 * Validates a request against its OpenAPI operation: path, query and header parameters
 * (typed from their text by their schema) and the JSON body. Each operation's schema
 * validators are built once per event-loop thread and reused, so a request pays for
 * validating, never for building validators. The request is read from the routing context
 * (path parameters by name), so a canonical path and its aliases of another depth share one
 * operation. Failures become 400 problems with a pointer to the field.
 */
public final class ContractValidator {
  private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");

  /** The typed path and query values of a valid request, for the bus envelope. */
  public record Validated(JsonObject path, JsonObject query) {}

  /** One parameter with its validator. */
  private record Param(String name, String in, boolean required, SchemaType type, Validator validator) {}

  /** One operation's validators. */
  private record Compiled(List<Param> params, Validator body, boolean bodyRequired) {}

  private final OpenAPIContract contract;
  // Validators are built per thread: one event loop never shares one with another.
  private final ThreadLocal<Map<String, Compiled>> compiled = ThreadLocal.withInitial(HashMap::new);

  public ContractValidator(Vertx vertx, OpenAPIContract contract) {
    this.contract = contract;
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
  public Future<Validated> validate(RoutingContext ctx, String operationId) {
    try {
      Compiled operation = compiled.get().computeIfAbsent(operationId, this::compile);
      JsonObject path = new JsonObject();
      JsonObject query = new JsonObject();
      for (Param param : operation.params()) {
        String text = switch (param.in()) {
          case "path" -> ctx.pathParam(param.name());
          case "query" -> ctx.queryParams().get(param.name());
          case "header" -> ctx.request().getHeader(param.name());
          default -> null;
        };
        if (text == null) {
          if (param.required()) {
            throw Problem.validation("The request does not match the contract.",
                List.of(new FieldError("/" + param.name(), "is required")));
          }
          continue;
        }
        Object value = typed(param, text);
        check(param.validator(), value, "/" + param.name());
        if (param.in().equals("path")) {
          path.put(param.name(), value);
        } else if (param.in().equals("query")) {
          query.put(param.name(), value);
        }
      }
      Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
      if (operation.body() != null) {
        if (raw == null || raw.length() == 0) {
          if (operation.bodyRequired()) {
            throw Problem.validation("The request needs a JSON body.", List.of(new FieldError("", "is required")));
          }
        } else {
          Object body;
          try {
            body = Json.decodeValue(raw);
          } catch (DecodeException e) {
            throw Problem.malformedJson("The body is not valid JSON.");
          }
          check(operation.body(), body, "");
        }
      }
      return Future.succeededFuture(new Validated(path, query));
    } catch (Problem problem) {
      return Future.failedFuture(problem);
    } catch (RuntimeException e) {
      return Future.failedFuture(Problem.validation("The request does not match the contract.", List.of()));
    }
  }

  private Compiled compile(String operationId) {
    Operation operation = contract.operation(operationId);
    SchemaRepository schemas = contract.getSchemaRepository();
    List<Param> params = new ArrayList<>();
    for (Parameter parameter : operation.getParameters()) {
      String in = parameter.getIn().name().toLowerCase();
      params.add(new Param(parameter.getName(), in, parameter.isRequired(), parameter.getSchemaType(),
          schemas.validator(parameter.getSchema())));
    }
    Validator body = null;
    boolean required = false;
    if (operation.getRequestBody() != null) {
      MediaType json = operation.getRequestBody().getContent().get("application/json");
      JsonSchema schema = json == null ? null : json.getSchema();
      body = schema == null ? null : schemas.validator(schema);
      required = operation.getRequestBody().isRequired();
    }
    return new Compiled(List.copyOf(params), body, required);
  }

  /** The parameter's text as its schema's type; text that is not of that type is a 400. */
  private static Object typed(Param param, String text) {
    try {
      return switch (param.type() == null ? SchemaType.STRING : param.type()) {
        case INTEGER -> Long.parseLong(text);
        case NUMBER -> new java.math.BigDecimal(text);
        case BOOLEAN -> {
          if (!text.equals("true") && !text.equals("false")) {
            throw new NumberFormatException(text);
          }
          yield Boolean.parseBoolean(text);
        }
        default -> text;
      };
    } catch (NumberFormatException e) {
      throw Problem.validation("The request does not match the contract.", List.of(new FieldError("/" + param.name(),
          "must be " + (param.type() == SchemaType.BOOLEAN ? "true or false" : "a " + param.type().name().toLowerCase()))));
    }
  }

  private static void check(Validator validator, Object value, String pointer) {
    OutputUnit unit = validator.validate(value);
    if (Boolean.TRUE.equals(unit.getValid())) {
      return;
    }
    List<OutputUnit> units = unit.getErrors() == null || unit.getErrors().isEmpty() ? List.of(unit) : unit.getErrors();
    // The deepest instance location is the most specific complaint; keep one per field.
    Map<String, String> byPointer = new LinkedHashMap<>();
    units.stream()
        .sorted((a, b) -> Integer.compare(depth(b), depth(a)))
        .forEach(u -> byPointer.putIfAbsent(pointer(pointer, u.getInstanceLocation(), u.getError()), u.getError()));
    List<FieldError> errors = new ArrayList<>();
    byPointer.forEach((at, detail) -> errors.add(new FieldError(at, detail)));
    throw Problem.validation("The request does not match the contract.", errors);
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
    return parameterPointer + location;
  }
}
