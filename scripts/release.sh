#!/usr/bin/env bash
# flagsync's release: what .github/workflows/release.yml runs on a version tag, and what .ci/run runs for one
# platform, so that CI checks the same build the release makes.
#
#   scripts/release.sh build VERSION [OS/ARCH ...]   static binaries in archives, and a checksum file, in dist/
#                                                    (default: every platform of the release)
#   scripts/release.sh image-tags VERSION            the image tags the release pushes, one a line
#   scripts/release.sh check-action [VERSION]        fails unless action.yml runs the image of VERSION
#                                                    (without VERSION: the image of some release)
#
# VERSION is a tag such as v1.2.3 or v1.3.0-rc.1. COMMIT (default: git rev-parse HEAD) is stamped into the binary
# with VERSION; SOURCE_DATE_EPOCH (default: the commit's time) dates the files in the archives, so that the same
# commit gives the same archives and checksums. DIST (default: dist) is where they go.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly image=ghcr.io/flagsync/flagsync
readonly platforms=(linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64)

die() { echo "release.sh: $*" >&2; exit 1; }

usage() {
  sed -n '5,8s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

# check_version fails unless $1 is a release tag: v, then a semantic version.
check_version() {
  [[ $1 =~ ^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$ ]] ||
    die "version \"$1\" is not a release tag such as v1.2.3 or v1.3.0-rc.1"
}

is_prerelease() { [[ $1 == *-* ]]; }

# image_tags prints the tags of a release's image: the version, and for a final release the major and latest.
image_tags() {
  local version=$1
  echo "$image:$version"
  if ! is_prerelease "$version"; then
    echo "$image:${version%%.*}"
    echo "$image:latest"
  fi
}

# check_action fails unless action.yml runs the released image of this version, or of any release without one.
check_action() {
  local version=${1:-} got
  got=$(sed -n 's/^[[:space:]]*image:[[:space:]]*["'\'']\{0,1\}\([^"'\'' ]*\).*/\1/p' action.yml)
  if [[ -z $version ]]; then
    [[ $got == "docker://$image:"* ]] || die "action.yml runs image \"$got\", not a release of docker://$image"
    (check_version "${got#"docker://$image:"}") || die "action.yml's image \"$got\" is not tagged with a release version"
    echo "action.yml runs ${got#docker://}"
    return
  fi
  [[ $got == "docker://$image:$version" ]] ||
    die "action.yml runs image \"$got\"; a release of $version needs \"image: docker://$image:$version\" (docs/releasing.md)"
}

# build_platform builds one platform's binary and archives it with the README into $dist.
build_platform() {
  local version=$1 commit=$2 os=${3%/*} arch=${3#*/} dist=$4
  local name="flagsync_${version#v}_${os}_${arch}" exe=flagsync
  [[ $os == windows ]] && exe=flagsync.exe
  local stage="$dist/.stage/$name"
  rm -rf "$stage" && mkdir -p "$stage"
  echo "building $name" >&2
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath \
    -ldflags "-s -w -buildid= -X main.version=$version -X main.commit=$commit" \
    -o "$stage/$exe" ./cmd/flagsync
  cp README.md "$stage/"
  touch -d "@$SOURCE_DATE_EPOCH" "$stage"/*
  if [[ $os == windows ]]; then
    (cd "$stage" && rm -f "../../$name.zip" && zip -q -X "../../$name.zip" "$exe" README.md)
  else
    tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
      -cf - "$exe" README.md | gzip -n -9 >"$dist/$name.tar.gz"
  fi
}

build() {
  local version=$1; shift
  local targets=("$@") commit=${COMMIT:-} dist=${DIST:-dist}
  [[ ${#targets[@]} -gt 0 ]] || targets=("${platforms[@]}")
  for t in "${targets[@]}"; do
    [[ " ${platforms[*]} " == *" $t "* ]] || die "platform \"$t\" is not one the release builds (${platforms[*]})"
  done
  [[ -n $commit ]] || commit=$(git rev-parse HEAD) || die "no COMMIT given and no git checkout to read it from"
  [[ $commit =~ ^[0-9a-f]{7,40}$ ]] || die "COMMIT \"$commit\" is not a git revision"
  export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct "$commit" 2>/dev/null || date +%s)}
  mkdir -p "$dist"
  for t in "${targets[@]}"; do
    build_platform "$version" "$commit" "$t" "$dist"
  done
  rm -rf "$dist/.stage"
  local sums="flagsync_${version#v}_checksums.txt" archives
  archives=$(cd "$dist" && shopt -s nullglob && printf '%s\n' flagsync_"${version#v}"_*.tar.gz flagsync_"${version#v}"_*.zip)
  [[ -n $archives ]] || die "no archive was built"
  (cd "$dist" && xargs sha256sum <<<"$archives" >"$sums")
  echo "$dist/$sums:" >&2
  cat "$dist/$sums" >&2
}

[[ $# -ge 1 ]] || usage
cmd=$1
shift
if [[ $cmd == check-action && $# -eq 0 ]]; then
  check_action
  exit
fi
[[ $# -ge 1 ]] || usage
version=$1
shift
check_version "$version"
case $cmd in
  build) build "$version" "$@" ;;
  image-tags) [[ $# -eq 0 ]] || usage; image_tags "$version" ;;
  check-action) [[ $# -eq 0 ]] || usage; check_action "$version" ;;
  *) usage ;;
esac
