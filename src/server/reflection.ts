/**
 * server: gRPC server reflection, v1 and v1alpha, so grpcurl, Postman and buf curl can list and
 * call the services without .proto files. (registered files, request) → descriptors: a file is
 * always sent with its transitive imports, serialized from protobuf-es' embedded descriptors.
 */
import { type DescFile, toBinary } from "@bufbuild/protobuf";
import { nestedTypes } from "@bufbuild/protobuf/reflect";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import type { ConnectRouter } from "@connectrpc/connect";
import { ServerReflection as ReflectionV1 } from "../gen/grpc/reflection/v1/reflection_pb.js";
import { ServerReflection as ReflectionV1Alpha } from "../gen/grpc/reflection/v1alpha/reflection_pb.js";

/** The fields both protocol versions share (their messages are identical on the wire). */
interface ReflectionRequest {
  readonly host: string;
  readonly messageRequest:
    | {
        case: "fileByFilename" | "fileContainingSymbol" | "allExtensionNumbersOfType" | "listServices";
        value: string;
      }
    | { case: "fileContainingExtension"; value: { containingType: string; extensionNumber: number } }
    | { case: undefined; value?: undefined };
}

function withImports(file: DescFile, seen = new Set<string>(), out: DescFile[] = []): DescFile[] {
  if (seen.has(file.name)) return out;
  seen.add(file.name);
  out.push(file);
  for (const dep of file.dependencies) withImports(dep, seen, out);
  return out;
}

/** Answers reflection requests about `services` (full names) defined in `files`. */
export function createReflectionAnswerer(files: readonly DescFile[], services: readonly string[]) {
  const all = new Map<string, DescFile>();
  for (const f of files) for (const d of withImports(f)) all.set(d.name, d);
  const bySymbol = new Map<string, DescFile>();
  for (const f of all.values()) {
    for (const t of nestedTypes(f)) {
      bySymbol.set(t.typeName, f);
      if (t.kind === "service") for (const m of t.methods) bySymbol.set(`${t.typeName}.${m.name}`, f);
      if (t.kind === "message") for (const fl of t.fields) bySymbol.set(`${t.typeName}.${fl.name}`, f);
    }
  }
  const encode = (f: DescFile) => ({
    fileDescriptorProto: withImports(f).map((d) => toBinary(FileDescriptorProtoSchema, d.proto)),
  });
  // grpcurl may ask with a leading dot.
  const fileOfSymbol = (symbol: string): DescFile | undefined => bySymbol.get(symbol.replace(/^\./, ""));
  const notFound = (what: string) => ({
    case: "errorResponse" as const,
    value: { errorCode: 5, errorMessage: `${what} not found` },
  });

  const respond = (r: ReflectionRequest["messageRequest"]) => {
    switch (r.case) {
      case "listServices":
        return {
          case: "listServicesResponse" as const,
          value: { service: services.map((name) => ({ name })) },
        };
      case "fileByFilename": {
        const f = all.get(r.value);
        return f === undefined
          ? notFound(`file ${r.value}`)
          : { case: "fileDescriptorResponse" as const, value: encode(f) };
      }
      case "fileContainingSymbol": {
        const f = fileOfSymbol(r.value);
        return f === undefined
          ? notFound(`symbol ${r.value}`)
          : { case: "fileDescriptorResponse" as const, value: encode(f) };
      }
      case "allExtensionNumbersOfType":
        return {
          case: "allExtensionNumbersResponse" as const,
          value: { baseTypeName: r.value, extensionNumber: [] },
        };
      case "fileContainingExtension":
        return notFound(`extension ${r.value.extensionNumber} of ${r.value.containingType}`);
      default:
        return {
          case: "errorResponse" as const,
          value: { errorCode: 3, errorMessage: "empty reflection request" },
        };
    }
  };
  return (req: ReflectionRequest) => ({
    validHost: req.host,
    originalRequest: req,
    messageResponse: respond(req.messageRequest),
  });
}

/** Registers grpc.reflection.v1 and v1alpha on `router`. */
export function registerReflection(
  router: ConnectRouter,
  files: readonly DescFile[],
  services: readonly string[],
): void {
  const answer = createReflectionAnswerer(files, [
    ...services,
    ReflectionV1.typeName,
    ReflectionV1Alpha.typeName,
  ]);
  const impl = {
    async *serverReflectionInfo(requests: AsyncIterable<ReflectionRequest>) {
      for await (const req of requests) yield answer(req);
    },
  };
  // Both versions have the same message shapes, so one implementation serves them.
  router.service(ReflectionV1, impl as never);
  router.service(ReflectionV1Alpha, impl as never);
}
