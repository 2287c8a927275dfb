// A preloaded shim that answers dlsym for V8's three methods that the binding looks up
// (src/binding/async_context.rs) with functions of its own: what a name without its
// signature can find. binding.test.js preloads it; the binding must refuse them (they are not
// in the object that exports Node-API) and answer null, where calling them crashed.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>

static void *fake_current(void) { return (void *)0x1; }
static void *fake_context(void *isolate) { (void)isolate; return (void *)0x10; }
static void *fake_extras(void *context) { (void)context; return (void *)0x20; }

void *dlsym(void *handle, const char *name) {
  static void *(*real)(void *, const char *) = 0;
  if (!real) real = (void *(*)(void *, const char *))dlvsym(RTLD_NEXT, "dlsym", "GLIBC_2.34");
  if (!real) real = (void *(*)(void *, const char *))dlvsym(RTLD_NEXT, "dlsym", "GLIBC_2.2.5");
  if (strcmp(name, "_ZN2v87Isolate10GetCurrentEv") == 0) return (void *)fake_current;
  if (strcmp(name, "_ZN2v87Isolate17GetCurrentContextEv") == 0) return (void *)fake_context;
  if (strcmp(name, "_ZN2v87Context22GetExtrasBindingObjectEv") == 0) return (void *)fake_extras;
  return real(handle, name);
}
