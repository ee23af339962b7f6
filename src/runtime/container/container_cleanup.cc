// At start-up: containers this project created for services that are no
// longer in the configuration (left by a drover killed with SIGKILL, or
// running when the service was deleted from the file) are removed, so no
// orphan outlives its definition.
#include "runtime/container/container_runtime.h"
#include "runtime/container/docker_client.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace drover::runtime {
namespace http = boost::beast::http;

void ContainerRuntime::remove_unconfigured(std::vector<std::string> configured) {
  if (!endpoint_) {
    return;
  }
  docker_request(
      io_, *endpoint_, http::verb::get,
      "/containers/json?all=1&filters=" +
          url_encode(boost::json::serialize(boost::json::object{
              {"label", boost::json::array{boost::json::string("drover.project=" + project_)}}})),
      "", [this, configured = std::move(configured)](DockerReply reply) {
        boost::system::error_code ec;
        boost::json::value listed = boost::json::parse(reply.body, ec);
        if (reply.status != 200 || ec || !listed.is_array()) {
          return;  // No engine, or none that answers: nothing to clean up.
        }
        for (const boost::json::value& container : listed.as_array()) {
          const boost::json::object* fields = container.if_object();
          const boost::json::value* labels = fields ? fields->if_contains("Labels") : nullptr;
          const boost::json::value* service =
              labels && labels->is_object() ? labels->as_object().if_contains("drover.service")
                                            : nullptr;
          const boost::json::value* id = fields ? fields->if_contains("Id") : nullptr;
          if (service == nullptr || !service->is_string() || id == nullptr || !id->is_string() ||
              std::find(configured.begin(), configured.end(), service->as_string()) !=
                  configured.end()) {
            continue;
          }
          docker_request(io_, *endpoint_, http::verb::delete_,
                         "/containers/" + std::string(id->as_string()) + "?force=1", "",
                         [](DockerReply) {});
        }
      });
}

}  // namespace drover::runtime
