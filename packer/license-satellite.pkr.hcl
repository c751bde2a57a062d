# Packer template: the License Satellite VM from a Debian 12 netinst ISO, for users who build it themselves with
# Packer and network access to a Debian mirror. The offline build used on our machines is
# appliance/ova/build-ova.sh; both install the appliance with the same appliance/ova/provision.sh.
#   ./mvnw -Pappliance package -DskipTests
#   packer init packer && packer build -var version=0.1.0-SNAPSHOT packer
# Output: packer/output/license-satellite-<version>.ova (the shell-local step packs VMDK + OVF + manifest).
# Not run on our machines (no Packer package in Debian, no ISO download): see docs/build-notes.md.
packer {
  required_plugins {
    qemu = {
      source  = "github.com/hashicorp/qemu"
      version = ">= 1.1.0"
    }
  }
}

variable "version" { type = string }
variable "iso_url" {
  type    = string
  default = "https://cdimage.debian.org/cdimage/archive/12.11.0/amd64/iso-cd/debian-12.11.0-amd64-netinst.iso"
}
variable "iso_checksum" {
  type    = string
  default = "file:https://cdimage.debian.org/cdimage/archive/12.11.0/amd64/iso-cd/SHA256SUMS"
}
variable "accelerator" {
  type    = string
  default = "kvm"
}

source "qemu" "satellite" {
  iso_url          = var.iso_url
  iso_checksum     = var.iso_checksum
  accelerator      = var.accelerator
  cpus             = 2
  memory           = 2048
  disk_size        = "4G"
  format           = "raw"
  disk_interface   = "virtio"
  net_device       = "e1000"
  headless         = true
  http_directory   = "${path.root}/http"
  output_directory = "${path.root}/output/raw"
  vm_name          = "license-satellite-${var.version}.raw"
  boot_wait        = "5s"
  boot_command = [
    "<esc><wait>",
    "auto url=http://{{ .HTTPIP }}:{{ .HTTPPort }}/preseed.cfg hostname=license-satellite domain= ",
    "console-setup/ask_detect=false keyboard-configuration/xkb-keymap=us<enter>"
  ]
  # The installer's temporary build user; removed by the last provisioner.
  ssh_username     = "packer"
  ssh_password     = "packer-build-only"
  ssh_timeout      = "60m"
  shutdown_command = "sudo systemctl poweroff"
}

build {
  sources = ["source.qemu.satellite"]

  provisioner "file" {
    source      = "${path.root}/../target/appliance/license-satellite-${var.version}.tar.gz"
    destination = "/tmp/license-satellite.tar.gz"
  }
  provisioner "file" {
    source      = "${path.root}/../appliance"
    destination = "/tmp/appliance"
  }
  provisioner "file" {
    source      = "${path.root}/../docs"
    destination = "/tmp/docs"
  }
  provisioner "shell" {
    execute_command = "sudo sh -c '{{ .Vars }} {{ .Path }}'"
    inline = [
      "apt-get install -y --no-install-recommends systemd-timesyncd sudo logrotate curl ca-certificates",
      "mkdir -p /tmp/tree && tar -C /tmp/tree -xzf /tmp/license-satellite.tar.gz",
      "bash /tmp/appliance/ova/provision.sh / /tmp/tree/license-satellite",
      "systemctl disable networking.service || true",
      "rm -rf /tmp/tree /tmp/appliance /tmp/docs /tmp/license-satellite.tar.gz",
      "apt-get clean",
      # the build user goes last; the session ends with the shutdown command
      "sed -i '/^packer /d' /etc/sudoers.d/packer 2>/dev/null || true",
      "(sleep 2; userdel -r packer) >/dev/null 2>&1 &"
    ]
  }

  post-processor "shell-local" {
    inline = [
      "cd ${path.root}/output",
      "qemu-img convert -O vmdk -o subformat=streamOptimized,adapter_type=lsilogic raw/license-satellite-${var.version}.raw license-satellite-${var.version}-disk1.vmdk",
      "sed -e 's/@NAME@/license-satellite-${var.version}/g' -e 's/@VERSION@/${var.version}/g' -e \"s/@VMDK_SIZE@/$(stat -c %s license-satellite-${var.version}-disk1.vmdk)/g\" -e 's/@DISK_BYTES@/4294967296/g' ../../appliance/ova/license-satellite.ovf.in > license-satellite-${var.version}.ovf",
      "for f in license-satellite-${var.version}.ovf license-satellite-${var.version}-disk1.vmdk; do echo \"SHA256($f)= $(sha256sum $f | cut -d' ' -f1)\"; done > license-satellite-${var.version}.mf",
      "tar --format=ustar -cf license-satellite-${var.version}.ova license-satellite-${var.version}.ovf license-satellite-${var.version}.mf license-satellite-${var.version}-disk1.vmdk"
    ]
  }
}
