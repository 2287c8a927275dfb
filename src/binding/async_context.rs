//! V8's accessors of the async context frame, handed to JS: how ferrobird's handlers run in
//! the `AsyncLocalStorage` context of the call that attached them, as native promises' do.
//!
//! On Node 24 and later, `AsyncLocalStorage` keeps its stores in one value per isolate, V8's
//! *continuation-preserved embedder data*: Node's `AsyncContextFrame`. V8 saves it with each
//! native promise reaction and restores it when the reaction's job runs, and it offers its
//! embedder two builtins that read and set it, on the context's *extras binding object*
//! (Node's `AsyncContextFrame` uses them). Builtins, not N-API calls: the optimizing
//! compilers make each call a load or a store (an N-API call on every `then` measured
//! +45-55 ns a link of a then-chain on Node 24; the builtins, nothing measurable).
//!
//! Node-API has no call for the extras object, so the two V8 methods that reach it are looked
//! up by name in the running process (`dlsym`), which exports V8's API for addons. Where they
//! are not found (another ABI, a runtime that does not export them),
//! `asyncContextFrameAccessors()` returns `null` and JS keeps to the `asyncHooks` option.
//!
//! Only for the Itanium C++ ABI (Linux, macOS on x86-64 and arm64): there a `v8::Local` (one
//! pointer, trivially copyable) is returned in a register and is the `this` of the methods
//! called through it, and it has the bits of the `napi_value` Node-API makes of it
//! (`JsValueFromV8LocalValue` in Node's `js_native_api_v8.h`).
//!
//! A name is not a signature: a symbol of that name from anywhere else (a preloaded shim, a
//! second V8 in the process) could be any function. Each one found must be the start of a
//! symbol in the very object that exports Node-API itself (`dladdr`), the V8 Node-API runs
//! on; otherwise the lookup answers `null`, and nothing found is called.

use napi::{Env, JsUnknown, Result};
use napi_derive::napi;

#[cfg(all(unix, any(target_arch = "x86_64", target_arch = "aarch64")))]
mod v8 {
    use std::ffi::{c_char, c_void};

    extern "C" {
        fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
        fn dladdr(address: *const c_void, info: *mut DlInfo) -> i32;
    }

    /// `Dl_info`, the same four fields on glibc, musl and macOS.
    #[repr(C)]
    struct DlInfo {
        file_name: *const c_char,
        file_base: *mut c_void,
        symbol_name: *const c_char,
        symbol_address: *mut c_void,
    }

    #[cfg(target_os = "macos")]
    const RTLD_DEFAULT: *mut c_void = -2isize as *mut c_void;
    #[cfg(not(target_os = "macos"))]
    const RTLD_DEFAULT: *mut c_void = std::ptr::null_mut();

    /// A `v8::Local<T>`: one pointer, the bits of a `napi_value`.
    pub type Local = *mut c_void;

    fn symbol(name: &[u8]) -> *mut c_void {
        // SAFETY: `name` is NUL-terminated; dlsym only reads it.
        unsafe { dlsym(RTLD_DEFAULT, name.as_ptr().cast()) }
    }

    /// The base address of the loaded object `address` is the start of a symbol in, or None.
    fn object_of_symbol(address: *mut c_void) -> Option<*mut c_void> {
        if address.is_null() {
            return None;
        }
        let mut info = DlInfo {
            file_name: std::ptr::null(),
            file_base: std::ptr::null_mut(),
            symbol_name: std::ptr::null(),
            symbol_address: std::ptr::null_mut(),
        };
        // SAFETY: dladdr only reads the address (never dereferences it) and writes `info`,
        // a live, properly laid out `Dl_info`.
        let found = unsafe { dladdr(address.cast_const(), &mut info) };
        (found != 0 && info.symbol_address == address && !info.file_base.is_null())
            .then_some(info.file_base)
    }

    /// The symbol `name`, if it is defined in the object that exports Node-API.
    fn host_symbol(name: &[u8]) -> Option<*mut c_void> {
        let host = object_of_symbol(symbol(b"napi_create_object\0"))?;
        let found = symbol(name);
        (object_of_symbol(found)? == host).then_some(found)
    }

    /// The current context's extras binding object, or None when V8's API is not found.
    ///
    /// # Safety
    /// Called on a thread running its isolate (inside an N-API call), whose handle scope
    /// holds the returned handle.
    pub unsafe fn extras_binding_object() -> Option<Local> {
        let current = host_symbol(b"_ZN2v87Isolate10GetCurrentEv\0")?;
        let context = host_symbol(b"_ZN2v87Isolate17GetCurrentContextEv\0")?;
        let extras = host_symbol(b"_ZN2v87Context22GetExtrasBindingObjectEv\0")?;
        // SAFETY: each symbol is the V8 function its mangled name says, from the object that
        // holds the V8 Node-API runs on (host_symbol), and these are their
        // signatures under the Itanium ABI (module comment): `static Isolate*
        // Isolate::GetCurrent()`, `Local<Context> Isolate::GetCurrentContext()`,
        // `Local<Object> Context::GetExtrasBindingObject()`.
        unsafe {
            let current: unsafe extern "C" fn() -> *mut c_void = std::mem::transmute(current);
            let context: unsafe extern "C" fn(*mut c_void) -> Local = std::mem::transmute(context);
            let extras: unsafe extern "C" fn(Local) -> Local = std::mem::transmute(extras);
            let isolate = current();
            if isolate.is_null() {
                return None;
            }
            let context = context(isolate);
            if context.is_null() {
                return None;
            }
            let object = extras(context);
            (!object.is_null()).then_some(object)
        }
    }
}

/// `{ get, set }`: V8's `getContinuationPreservedEmbedderData` and
/// `setContinuationPreservedEmbedderData` builtins where this Node's V8 offers them, else
/// `null`.
#[napi]
pub fn async_context_frame_accessors(env: Env) -> Result<JsUnknown> {
    #[cfg(all(unix, any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        use napi::{JsObject, NapiValue, ValueType};
        // SAFETY: N-API is running this call on its isolate's thread.
        if let Some(extras) = unsafe { v8::extras_binding_object() } {
            // SAFETY: the extras object is a JS object of this call's handle scope.
            let extras = unsafe { JsObject::from_raw_unchecked(env.raw(), extras.cast()) };
            let get: JsUnknown =
                extras.get_named_property("getContinuationPreservedEmbedderData")?;
            let set: JsUnknown =
                extras.get_named_property("setContinuationPreservedEmbedderData")?;
            if get.get_type()? == ValueType::Function && set.get_type()? == ValueType::Function {
                let mut accessors = env.create_object()?;
                accessors.set_named_property("get", get)?;
                accessors.set_named_property("set", set)?;
                return Ok(accessors.into_unknown());
            }
        }
    }
    Ok(env.get_null()?.into_unknown())
}
