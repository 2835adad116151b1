// Original file: proto/prove/v1/environment.proto


export interface ListServersRequest {
}

export interface ListServersRequest__Output {
}
