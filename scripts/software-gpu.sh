# Sourced by scripts that run WebGPU in Node. On machines without a GPU device, Dawn gets the SwiftShader
# Vulkan driver that Debian's chromium ships (Debian's own lavapipe is too old for Dawn); where a GPU exists
# (/dev/nvidia*, /dev/dri/renderD*) its driver is left alone.
if [ -z "${VK_ICD_FILENAMES:-}" ] && ! ls /dev/nvidia0 /dev/dri/renderD* >/dev/null 2>&1 \
  && [ -f /usr/lib/chromium/vk_swiftshader_icd.json ]; then
  export VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
fi
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "${XDG_RUNTIME_DIR}" ]; then
  XDG_RUNTIME_DIR="$(mktemp -d)"
  chmod 700 "$XDG_RUNTIME_DIR"
  export XDG_RUNTIME_DIR
fi
